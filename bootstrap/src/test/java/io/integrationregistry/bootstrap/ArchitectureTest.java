package io.integrationregistry.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The hexagon over every module of the service; each rule reads as the sentence it enforces. */
@AnalyzeClasses(packages = "io.integrationregistry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String DOMAIN = "io.integrationregistry.domain..";
    private static final String APPLICATION = "io.integrationregistry.application..";
    private static final String ADAPTERS = "io.integrationregistry.adapters..";
    private static final String BOOTSTRAP = "io.integrationregistry.bootstrap..";

    @ArchTest
    static final ArchRule the_domain_depends_on_the_java_platform_only = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", DOMAIN);

    @ArchTest
    static final ArchRule the_application_depends_on_the_java_platform_and_the_domain_only = classes()
            .that()
            .resideInAPackage(APPLICATION)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", DOMAIN, APPLICATION);

    @ArchTest
    static final ArchRule no_adapter_depends_on_another_adapter =
            slices().matching("io.integrationregistry.adapters.(*)..").should().notDependOnEachOther();

    @ArchTest
    static final ArchRule the_modules_are_free_of_cycles =
            slices().matching("io.integrationregistry.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule every_class_sits_in_a_layer_and_dependencies_point_inward = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain")
            .definedBy(DOMAIN)
            .layer("Application")
            .definedBy(APPLICATION)
            .layer("Adapters")
            .definedBy(ADAPTERS)
            .layer("Bootstrap")
            .definedBy(BOOTSTRAP)
            .whereLayer("Bootstrap")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters")
            .mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application")
            .mayOnlyBeAccessedByLayers("Adapters", "Bootstrap")
            .whereLayer("Domain")
            .mayOnlyBeAccessedByLayers("Application", "Adapters", "Bootstrap")
            .ensureAllClassesAreContainedInArchitecture();

    /** Behaviour lives in the adapters and the application; the bootstrap holds configuration only. */
    @ArchTest
    static final ArchRule the_bootstrap_only_wires = classes()
            .that()
            .resideInAPackage(BOOTSTRAP)
            .and()
            .areTopLevelClasses()
            .should()
            .beMetaAnnotatedWith(Configuration.class)
            .orShould()
            .beAnnotatedWith(ConfigurationProperties.class);

    /** The shared test fixtures (package {@code fixtures}, a test-scoped module) never reach the service. */
    @ArchTest
    static final ArchRule no_class_of_the_service_uses_a_test_fixture = noClasses()
            .that()
            .resideInAPackage("io.integrationregistry..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("fixtures..");

    /**
     * The log context (every structured log line carries all of it) holds the request id alone: only the filter
     * that sets it touches it, so nothing else, a secret least of all, can reach the log that way.
     */
    @ArchTest
    static final ArchRule only_the_request_id_filter_touches_the_log_context = noClasses()
            .that()
            .resideInAPackage("io.integrationregistry..")
            .and()
            .haveNameNotMatching("io\\.integrationregistry\\.adapters\\.rest\\.RequestIds(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.slf4j.MDC");

    @ArchTest
    static final ArchRule only_the_axon_adapter_knows_axon = classes()
            .that()
            .resideOutsideOfPackage("io.integrationregistry.adapters.axon..")
            .should()
            .onlyDependOnClassesThat()
            .resideOutsideOfPackage("org.axonframework..");
}
