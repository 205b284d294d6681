package org.storemanager.common.saga;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Selects the saga events of one type: {@code void on(@Observes @Saga(OrderCreated) SagaEvent e)}.
 * A handler is a class with such an observer; the dispatcher needs no list of handlers.
 */
@Qualifier
@Retention(RUNTIME)
@Target({TYPE, METHOD, FIELD, PARAMETER})
public @interface Saga {
  EventType value();

  /** The qualifier as a value, for firing. */
  final class Literal extends AnnotationLiteral<Saga> implements Saga {
    private final EventType value;

    public Literal(EventType value) {
      this.value = value;
    }

    @Override
    public EventType value() {
      return value;
    }
  }
}
