package org.storemanager.common.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.storemanager.common.saga.Saga;

/**
 * What a saga handler is, as ArchUnit rules both services check (their {@code ArchitectureTest}): a
 * class {@code <Event>Handler} in a saga package with exactly one observer,
 * {@code @Observes @Saga(<Event>) SagaEvent}, and no saga observer anywhere else. So the list of
 * handler classes is the list of events a service reacts to.
 */
public final class SagaHandlerRules {

  private SagaHandlerRules() {}

  /** Every {@code *Handler} in {@code sagaPackages} observes the event in its name, and only it. */
  public static ArchRule handlersObserveTheEventOfTheirName(String sagaPackages) {
    return classes()
        .that()
        .resideInAPackage(sagaPackages)
        .and()
        .haveSimpleNameEndingWith("Handler")
        .should(observeExactlyTheEventOfTheirName());
  }

  /** Every {@code @Observes @Saga} observer is in a {@code *Handler} of {@code sagaPackages}. */
  public static ArchRule sagaObserversLiveInHandlers(String sagaPackages) {
    return methods()
        .that(observeSagaEvents())
        .should()
        .beDeclaredInClassesThat()
        .haveSimpleNameEndingWith("Handler")
        .andShould()
        .beDeclaredInClassesThat()
        .resideInAPackage(sagaPackages);
  }

  /** Methods with a parameter annotated {@code @Observes @Saga(...)}. */
  public static DescribedPredicate<JavaMethod> observeSagaEvents() {
    return DescribedPredicate.describe(
        "observe saga events (@Observes @Saga)",
        method -> method.getParameters().stream().anyMatch(SagaHandlerRules::isSagaObserver));
  }

  private static ArchCondition<JavaClass> observeExactlyTheEventOfTheirName() {
    return new ArchCondition<>("observe one event only: @Saga(<Event>) for <Event>Handler") {
      @Override
      public void check(JavaClass handler, ConditionEvents events) {
        List<JavaParameter> observed =
            handler.getMethods().stream()
                .flatMap(method -> method.getParameters().stream())
                .filter(parameter -> parameter.isAnnotatedWith(Observes.class))
                .toList();
        String expected = handler.getSimpleName().replaceFirst("Handler$", "");
        boolean satisfied =
            observed.size() == 1
                && isSagaObserver(observed.get(0))
                && sagaEventOf(observed.get(0)).equals(expected);
        List<String> found =
            observed.stream()
                .map(p -> p.getOwner().getName() + "(" + sagaEventOf(p) + ")")
                .toList();
        events.add(
            new SimpleConditionEvent(
                handler,
                satisfied,
                handler.getName()
                    + " should have one observer, of @Saga("
                    + expected
                    + "); it has "
                    + (found.isEmpty() ? "none" : found)));
      }
    };
  }

  private static boolean isSagaObserver(JavaParameter parameter) {
    return parameter.isAnnotatedWith(Observes.class) && parameter.isAnnotatedWith(Saga.class);
  }

  /** The EventType constant of the parameter's {@code @Saga}, or "no @Saga". */
  private static String sagaEventOf(JavaParameter parameter) {
    return parameter.getAnnotations().stream()
        .filter(annotation -> annotation.getRawType().isEquivalentTo(Saga.class))
        .map(annotation -> ((JavaEnumConstant) annotation.get("value").orElseThrow()).name())
        .findFirst()
        .orElse("no @Saga");
  }
}
