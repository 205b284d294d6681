package org.storemanager.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.storemanager.common.saga.EventType;
import org.storemanager.common.testing.SagaHandlerRules;

/**
 * The Store Manager's structure, as rules the build checks (docs/architecture.md, "The rules"). The
 * code is grouped by domain first ({@code catalog}, {@code orders}, {@code stock}), then by layer
 * ({@code api}, {@code command}, {@code query}, {@code saga}, {@code model}); around the domains
 * sit {@code reports}, {@code supplier} and {@code operations} (they use the domains), {@code
 * readmodel} and {@code platform} (the domains use them).
 */
@AnalyzeClasses(packages = "org.storemanager", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String DOMAINS = "org.storemanager.[catalog|orders|stock]";

  /**
   * Inside a domain: {@code api} -> {@code command}/{@code query} -> {@code model}; {@code query}
   * observes the events {@code command} fires; {@code saga} -> {@code command}; nothing calls
   * {@code api} or {@code saga} (requests and events come in there).
   */
  @ArchTest
  static final ArchRule layers_inside_a_domain =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("api")
          .definedBy(DOMAINS + ".api..")
          .layer("command")
          .definedBy(DOMAINS + ".command..")
          .layer("query")
          .definedBy(DOMAINS + ".query..")
          .layer("saga")
          .definedBy(DOMAINS + ".saga..")
          .layer("model")
          .definedBy(DOMAINS + ".model..")
          .whereLayer("api")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("saga")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("query")
          .mayOnlyBeAccessedByLayers("api")
          .whereLayer("command")
          .mayOnlyBeAccessedByLayers("api", "query", "saga")
          .whereLayer("model")
          .mayOnlyBeAccessedByLayers("api", "command", "query", "saga");

  /**
   * A domain uses another one only through its {@code command} package: the services there are its
   * port, the events it fires there are what others observe.
   */
  @ArchTest
  static final ArchRule domains_meet_only_through_command =
      classes()
          .that()
          .resideInAPackage(DOMAINS + "..")
          .should(useOtherDomainsOnlyThroughTheirCommandPackage());

  /** The entities and their snapshots: JPA and the saga's event types, nothing else of ours. */
  @ArchTest
  static final ArchRule model_depends_on_nothing_of_ours =
      noClasses()
          .that()
          .resideInAPackage(DOMAINS + ".model..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.storemanager..")
                  .and(not(resideInAPackage(DOMAINS + ".model..")))
                  .and(not(type(EventType.class))))
          .because("a model class is the domain's vocabulary (the saga's EventType is shared)");

  /** Requests come in through {@code api}, events through {@code saga}: nothing calls them. */
  @ArchTest
  static final ArchRule nothing_calls_api_or_saga =
      noClasses()
          .that()
          .resideOutsideOfPackages(DOMAINS + ".api..", DOMAINS + ".saga..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DOMAINS + ".api..", DOMAINS + ".saga..");

  /** The features around the domains use them; the domains do not know the features. */
  @ArchTest
  static final ArchRule domains_do_not_know_the_features =
      noClasses()
          .that()
          .resideInAnyPackage(
              DOMAINS + "..", "org.storemanager.readmodel..", "org.storemanager.platform..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.storemanager.reports..",
              "org.storemanager.supplier..",
              "org.storemanager.operations..");

  /**
   * {@code readmodel} keeps every read model consistent with MySQL through one port ({@code
   * RebuildableReadModel}): it knows no read model, they know it.
   */
  @ArchTest
  static final ArchRule readmodel_knows_no_read_model =
      noClasses()
          .that()
          .resideInAPackage("org.storemanager.readmodel..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(DOMAINS + "..", "org.storemanager.reports..");

  /** {@code platform} is plumbing (JAX-RS application, Redis): it uses only store-common. */
  @ArchTest
  static final ArchRule platform_is_plumbing =
      noClasses()
          .that()
          .resideInAPackage("org.storemanager.platform..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.storemanager..")
                  .and(
                      not(
                          resideInAnyPackage(
                              "org.storemanager.platform..", "org.storemanager.common.."))));

  /** No package cycles: every package can be read after the packages it uses. */
  @ArchTest
  static final ArchRule no_package_cycles =
      slices().matching("org.storemanager.(**)").should().beFreeOfCycles();

  /** No cycles between the top-level parts either (orders uses stock, stock never uses orders). */
  @ArchTest
  static final ArchRule no_cycles_between_domains =
      slices().matching("org.storemanager.(*)..").should().beFreeOfCycles();

  /**
   * The database is reached from {@code command} and {@code query}, never where requests come in.
   */
  @ArchTest
  static final ArchRule no_entity_manager_in_api =
      noClasses()
          .that()
          .resideInAnyPackage(
              "..api..", "org.storemanager.supplier..", "org.storemanager.operations..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(EntityManager.class);

  /** A saga handler is named after the one event it observes: {@code <Event>Handler}. */
  @ArchTest
  static final ArchRule handlers_observe_the_event_of_their_name =
      SagaHandlerRules.handlersObserveTheEventOfTheirName(DOMAINS + ".saga..");

  /** Every saga observer is such a handler: the handlers are the saga's table of contents. */
  @ArchTest
  static final ArchRule saga_observers_live_in_handlers =
      SagaHandlerRules.sagaObserversLiveInHandlers(DOMAINS + ".saga..");

  // --- What the rules above are made of ----------------------------------------------------

  private static final PackageMatcher DOMAIN = PackageMatcher.of("org.storemanager.(*)..");
  private static final PackageMatcher LAYER = PackageMatcher.of("org.storemanager.*.(*)..");
  private static final List<String> DOMAIN_NAMES = List.of("catalog", "orders", "stock");

  static ArchCondition<JavaClass> useOtherDomainsOnlyThroughTheirCommandPackage() {
    return new ArchCondition<>("use other domains only through their command package") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> domain = domainOf(origin.getPackageName());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getPackageName();
          Optional<String> targetDomain = domainOf(target);
          if (targetDomain.isPresent()
              && !targetDomain.equals(domain)
              && !layerOf(target).equals(Optional.of("command"))) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static Optional<String> domainOf(String packageName) {
    return DOMAIN.match(packageName).map(m -> m.getGroup(1)).filter(DOMAIN_NAMES::contains);
  }

  private static Optional<String> layerOf(String packageName) {
    return LAYER.match(packageName).map(m -> m.getGroup(1));
  }
}
