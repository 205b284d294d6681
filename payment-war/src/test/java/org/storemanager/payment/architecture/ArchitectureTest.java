package org.storemanager.payment.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.EntityManager;
import org.storemanager.common.testing.SagaHandlerRules;

/**
 * The payment service's structure, as rules the build checks (docs/architecture.md, "The rules"):
 * the Store Manager's layers in one domain, {@code api} and {@code saga} -> {@code command} ->
 * {@code model} (it has no read model, so no {@code query}).
 */
@AnalyzeClasses(
    packages = "org.storemanager.payment",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("api")
          .definedBy("org.storemanager.payment.api..")
          .layer("saga")
          .definedBy("org.storemanager.payment.saga..")
          .layer("command")
          .definedBy("org.storemanager.payment.command..")
          .layer("model")
          .definedBy("org.storemanager.payment.model..")
          .whereLayer("api")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("saga")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("command")
          .mayOnlyBeAccessedByLayers("api", "saga")
          .whereLayer("model")
          .mayOnlyBeAccessedByLayers("api", "saga", "command");

  /** The payment entity uses nothing of ours. */
  @ArchTest
  static final ArchRule model_depends_on_nothing_of_ours =
      noClasses()
          .that()
          .resideInAPackage("org.storemanager.payment.model..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.storemanager..")
                  .and(not(resideInAPackage("org.storemanager.payment.model.."))));

  /** The service knows the Store Manager only through the saga's events (store-common). */
  @ArchTest
  static final ArchRule uses_only_itself_and_store_common =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.storemanager..")
                  .and(
                      not(
                          resideInAnyPackage(
                              "org.storemanager.payment..", "org.storemanager.common.."))));

  @ArchTest
  static final ArchRule no_package_cycles =
      slices().matching("org.storemanager.payment.(**)").should().beFreeOfCycles();

  /** The database is reached from {@code command}, never where requests come in. */
  @ArchTest
  static final ArchRule no_entity_manager_in_api =
      noClasses()
          .that()
          .resideInAPackage("org.storemanager.payment.api..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(EntityManager.class);

  @ArchTest
  static final ArchRule handlers_observe_the_event_of_their_name =
      SagaHandlerRules.handlersObserveTheEventOfTheirName("org.storemanager.payment.saga..");

  @ArchTest
  static final ArchRule saga_observers_live_in_handlers =
      SagaHandlerRules.sagaObserversLiveInHandlers("org.storemanager.payment.saga..");
}
