package org.storemanager.readmodel;

import org.storemanager.platform.RedisPipeline;

/**
 * A Redis read model that {@link ReadModelMaintenance} rebuilds from MySQL. The read models
 * implement it and {@code ReadModelMaintenance} finds them through CDI: this package knows no read
 * model, so the dependency goes one way (read model -> readmodel).
 */
public interface RebuildableReadModel {

  /**
   * Rewrites the whole read model from MySQL, sending its writes through {@code pipeline}.
   *
   * @return what was rebuilt, for the log (for example "12 products")
   */
  String rebuild(RedisPipeline pipeline);
}
