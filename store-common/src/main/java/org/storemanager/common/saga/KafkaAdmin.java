package org.storemanager.common.saga;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one Kafka Admin client, for the numbers measured in the background (the dead-letter
 * count of {@link DeadLetterHealthCheck}, the lag of {@link SagaBacklog}): created on first use,
 * with short timeouts so that a broker outage only makes those numbers stale.
 */
@ApplicationScoped
public class KafkaAdmin {

  @Inject
  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private Admin admin;

  public synchronized Admin get() {
    if (admin == null) {
      Properties config = new Properties();
      config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
      config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
      // kafka-clients loads its classes through the context class loader: use the app's.
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(Admin.class.getClassLoader());
      try {
        admin = Admin.create(config);
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
