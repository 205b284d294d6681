package org.storemanager.common.security;

/**
 * The three roles of a token's {@code groups} claim (MicroProfile JWT maps groups to roles), and
 * what each may do. docs/adr/0008-authentication-and-read-policy.md gives the whole table.
 */
public final class Roles {

  /** Store staff at the counter: orders, users, stock levels, processing a payment. */
  public static final String CLERK = "clerk";

  /** Everything a clerk may do, plus the reports and deleting users and products. */
  public static final String MANAGER = "manager";

  /** External suppliers: GraphQL queries and {@code restock}, nothing else. */
  public static final String SUPPLIER = "supplier";

  private Roles() {}
}
