package io.integrationregistry.application;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.integrationregistry.application.integrations.ReadYourWrites;
import io.integrationregistry.application.integrations.TransportPolicy;

import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The application holds the use cases and their ports: plain Java over the domain, no framework. It is
 * built in rooms, one per capability: integrations, documents, connections, audit and projections. Each
 * has its use cases (the {@code …Service} classes) at its root, what it offers in {@code port.in} and what
 * it needs in {@code port.out}; the few types several capabilities use make up the shared kernel.
 * Each rule reads as the sentence it enforces.
 */
@AnalyzeClasses(packages = "io.integrationregistry.application", importOptions = ImportOption.DoNotIncludeTests.class)
class ApplicationDependencyRulesTest {

    private static final String APPLICATION = "io.integrationregistry.application";
    private static final String[] CAPABILITIES = {"integrations", "documents", "connections", "audit", "projections"};
    private static final String SHARED = APPLICATION + ".shared..";

    @ArchTest
    static final ArchRule the_application_depends_on_the_java_platform_and_the_domain_only = classes()
            .that()
            .resideInAPackage(APPLICATION + "..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", APPLICATION + "..", "io.integrationregistry.domain..");

    @ArchTest
    static final ArchRule every_class_belongs_to_a_capability_or_to_the_shared_kernel = classes()
            .should()
            .resideInAnyPackage(Stream.concat(
                            Stream.of(CAPABILITIES).map(capability -> APPLICATION + "." + capability + ".."),
                            Stream.of(SHARED))
                    .toArray(String[]::new));

    @ArchTest
    static final ArchRule the_shared_kernel_depends_on_no_capability = classes()
            .that()
            .resideInAPackage(SHARED)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.integrationregistry.domain..", SHARED);

    @ArchTest
    static final ArchRule the_integrations_use_other_capabilities_through_their_ports_only =
            usesOtherCapabilitiesThroughTheirPortsOnly("integrations");

    @ArchTest
    static final ArchRule the_documents_use_other_capabilities_through_their_ports_only =
            usesOtherCapabilitiesThroughTheirPortsOnly("documents");

    @ArchTest
    static final ArchRule the_connections_use_other_capabilities_through_their_ports_only =
            usesOtherCapabilitiesThroughTheirPortsOnly("connections");

    @ArchTest
    static final ArchRule the_audit_uses_other_capabilities_through_their_ports_only =
            usesOtherCapabilitiesThroughTheirPortsOnly("audit");

    @ArchTest
    static final ArchRule the_projections_use_other_capabilities_through_their_ports_only =
            usesOtherCapabilitiesThroughTheirPortsOnly("projections");

    /** The audit reads the integrations' events; nothing of the application waits on the audit. */
    @ArchTest
    static final ArchRule no_other_capability_depends_on_the_audit = noClasses()
            .that()
            .resideOutsideOfPackage(APPLICATION + ".audit..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(APPLICATION + ".audit..");

    /** A read model is rebuilt through its keeper's port, which is a port of its own capability. */
    @ArchTest
    static final ArchRule only_the_ports_of_read_models_depend_on_the_projections = noClasses()
            .that()
            .resideOutsideOfPackages(APPLICATION + ".projections..", APPLICATION + "..port.out..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(APPLICATION + ".projections..");

    @ArchTest
    static final ArchRule use_cases_are_services_at_the_root_of_their_capability_offering_a_port_in = classes()
            .that()
            .haveSimpleNameEndingWith("Service")
            .should()
            .resideInAnyPackage(Stream.of(CAPABILITIES)
                    .map(capability -> APPLICATION + "." + capability)
                    .toArray(String[]::new))
            .andShould()
            .implement(resideInAPackage(APPLICATION + "..port.in.."));

    @ArchTest
    static final ArchRule every_port_in_is_offered_by_a_service = classes()
            .that()
            .resideInAPackage(APPLICATION + "..port.in..")
            .and()
            .areInterfaces()
            .and()
            .areTopLevelClasses()
            .should(beImplementedByAService());

    @ArchTest
    static final ArchRule every_port_is_an_interface_named_for_what_it_is_for = classes()
            .that()
            .resideInAnyPackage(APPLICATION + "..port.in..", APPLICATION + "..port.out..")
            .and()
            .areInterfaces()
            .and()
            .areTopLevelClasses()
            .and(areNotSealed())
            .should()
            .haveSimpleNameStartingWith("For");

    /** The integrations' use cases are handed their transport policy and read-your-writes wait, built in the wiring. */
    @ArchTest
    static final ArchRule the_application_builds_no_transport_policy_and_no_read_your_writes_wait = noClasses()
            .should()
            .callConstructorWhere(DescribedPredicate.describe(
                    "the constructor builds a " + TransportPolicy.class.getSimpleName() + " or a "
                            + ReadYourWrites.class.getSimpleName(),
                    (JavaConstructorCall call) -> call.getTargetOwner().isEquivalentTo(TransportPolicy.class)
                            || call.getTargetOwner().isEquivalentTo(ReadYourWrites.class)));

    private static ArchRule usesOtherCapabilitiesThroughTheirPortsOnly(String capability) {
        String own = APPLICATION + "." + capability + "..";
        return classes()
                .that()
                .resideInAPackage(own)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "io.integrationregistry.domain..",
                        own,
                        SHARED,
                        APPLICATION + "..port.in..",
                        APPLICATION + "..port.out..")
                .as("the " + capability + " use other capabilities through their ports only");
    }

    private static DescribedPredicate<JavaClass> areNotSealed() {
        return DescribedPredicate.describe(
                "are not sealed (value types, not ports)",
                javaClass -> !javaClass.reflect().isSealed());
    }

    private static ArchCondition<JavaClass> beImplementedByAService() {
        return new ArchCondition<>("be implemented by a service") {
            @Override
            public void check(JavaClass port, ConditionEvents events) {
                boolean offered = port.getAllSubclasses().stream()
                        .anyMatch(
                                implementation -> implementation.getSimpleName().endsWith("Service"));
                events.add(new SimpleConditionEvent(
                        port, offered, port.getName() + (offered ? " is" : " is not") + " implemented by a service"));
            }
        };
    }
}
