package org.storemanager.stock.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.File;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container (Arquillian on the store-manager-it Liberty server): the stock overview report is
 * ONE SQL statement however many products exist, counted with Hibernate's statistics.
 */
@ExtendWith(ArquillianExtension.class)
class StockOverviewQueryIT {

  @Deployment
  static WebArchive deployment() {
    // The application as built, plus this test class.
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/store-manager.war"))
        .addClass(StockOverviewQueryIT.class);
  }

  @Inject StockQueries queries;

  @Test
  void overviewIsASingleJoinQuery() {
    Statistics statistics =
        queries
            .entityManager()
            .getEntityManagerFactory()
            .unwrap(SessionFactory.class)
            .getStatistics();
    // The counter is the whole server's: its timers (outbox relay, saga deadline, read-model check)
    // may run a statement during a measurement. They only add, so the fewest of five measurements
    // is the overview's own count; an N+1 overview never gets down to 1.
    long statements = Long.MAX_VALUE;
    List<StockLine> overview = List.of();
    for (int attempt = 0; attempt < 5 && statements > 1; attempt++) {
      statistics.setStatisticsEnabled(true);
      statistics.clear();
      overview = queries.overview();
      statements = Math.min(statements, statistics.getPrepareStatementCount());
      statistics.setStatisticsEnabled(false);
    }
    assertTrue(overview.size() >= 4, "the four reference products at least");
    assertEquals(1, statements, "one SQL statement for " + overview.size() + " products");
    assertTrue(overview.stream().allMatch(line -> line.name() != null && line.sku() != null));
  }
}
