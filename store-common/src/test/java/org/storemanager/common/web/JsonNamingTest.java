package org.storemanager.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonNamingTest {

  @Test
  void convertsCamelCaseToTheSnakeCaseOfTheRestContract() {
    assertEquals("total_amount", JsonNaming.toSnakeCase("totalAmount"));
    assertEquals("user_id", JsonNaming.toSnakeCase("userId"));
    assertEquals("name", JsonNaming.toSnakeCase("name"));
  }
}
