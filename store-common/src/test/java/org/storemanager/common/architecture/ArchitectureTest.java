package org.storemanager.common.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.storemanager.common.testing.SagaHandlerRules;

/**
 * The structure of store-common, the jar both services ship, as rules the build checks
 * (docs/architecture.md, "The rules"). Its packages are layered as they are: the leaves ({@code
 * error}, {@code security}, {@code validation}, {@code persistence}) use nothing of ours, {@code
 * web} maps errors to answers, {@code idempotency} and {@code saga} build on {@code web}, {@code
 * health} on {@code persistence}.
 */
@AnalyzeClasses(
    packages = "org.storemanager.common",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Who may use whom inside store-common (nobody uses idempotency, saga or health). */
  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("idempotency")
          .definedBy("org.storemanager.common.idempotency..")
          .layer("saga")
          .definedBy("org.storemanager.common.saga..")
          .layer("health")
          .definedBy("org.storemanager.common.health..")
          .layer("web")
          .definedBy("org.storemanager.common.web..")
          .layer("persistence")
          .definedBy("org.storemanager.common.persistence..")
          .layer("error")
          .definedBy("org.storemanager.common.error..")
          .layer("security")
          .definedBy("org.storemanager.common.security..")
          .layer("validation")
          .definedBy("org.storemanager.common.validation..")
          .whereLayer("idempotency")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("saga")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("health")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("web")
          .mayOnlyBeAccessedByLayers("idempotency", "saga")
          .whereLayer("persistence")
          .mayOnlyBeAccessedByLayers("health")
          .whereLayer("error")
          .mayOnlyBeAccessedByLayers("web", "idempotency")
          .whereLayer("security")
          .mayOnlyBeAccessedByLayers("web")
          .whereLayer("validation")
          .mayNotBeAccessedByAnyLayer();

  /** Shared code knows no service: both WARs depend on it, never the other way. */
  @ArchTest
  static final ArchRule knows_no_service =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.storemanager..")
                  .and(not(resideInAPackage("org.storemanager.common.."))));

  @ArchTest
  static final ArchRule no_package_cycles =
      slices().matching("org.storemanager.common.(**)").should().beFreeOfCycles();

  /**
   * The saga machinery delivers events ({@code SagaEventDispatcher} fires them through the {@code
   * Inbox}) and observes none: the handlers are in the services.
   */
  @ArchTest
  static final ArchRule observes_no_saga_event =
      methods()
          .that(SagaHandlerRules.observeSagaEvents())
          .should()
          .beDeclaredInClassesThat()
          .resideOutsideOfPackage("org.storemanager.common..")
          .allowEmptyShould(true);
}
