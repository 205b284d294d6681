package org.storemanager.supplier;

/**
 * The cost rule of one GraphQL request (docs/adr/0010): at most {@code maxFields} selected fields
 * and {@code maxDepth} levels. Defaults: 20 fields (three products with all five fields, or twenty
 * stock levels: far more than the course's clients ask at once) and depth 5 (the schema's deepest
 * useful query has 2 levels).
 */
record QueryLimits(int maxFields, int maxDepth) {

  static final int FIELDS = 20;
  static final int DEPTH = 5;

  /** Why a document is refused, as the GraphQL error it is answered with. */
  record Refusal(String message, String classification, String code) {}

  /** Null if the document may run, else the refusal. */
  Refusal check(String document) {
    QueryShape shape;
    try {
      shape = QueryShape.of(document);
    } catch (QueryShape.MalformedQueryException e) {
      return new Refusal(
          "Invalid GraphQL query: " + e.getMessage(), "InvalidSyntax", GraphQLErrors.PARSE_FAILED);
    } catch (QueryShape.TooDeepException e) {
      return tooDeep(">" + QueryShape.MAX_NESTING);
    }
    if (shape.depth() > maxDepth) {
      return tooDeep(Integer.toString(shape.depth()));
    }
    if (shape.fields() > maxFields) {
      return new Refusal(
          "Query too complex: it selects "
              + shape.fields()
              + " fields (aliases and fragment fields count each time), at most "
              + maxFields
              + " are allowed per request",
          GraphQLErrors.CLIENT_ERROR,
          GraphQLErrors.TOO_COMPLEX);
    }
    return null;
  }

  private Refusal tooDeep(String depth) {
    return new Refusal(
        "Query too deep: its fields nest "
            + depth
            + " levels, at most "
            + maxDepth
            + " are allowed per request",
        GraphQLErrors.CLIENT_ERROR,
        GraphQLErrors.TOO_DEEP);
  }
}
