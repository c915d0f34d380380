package io.integrationregistry.application;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The application holds the use cases and ports: plain Java over the domain, no framework. */
@AnalyzeClasses(packages = "io.integrationregistry.application", importOptions = ImportOption.DoNotIncludeTests.class)
class ApplicationDependencyRulesTest {

    @ArchTest
    static final ArchRule the_application_depends_on_the_java_platform_and_the_domain_only = classes()
            .that().resideInAPackage("io.integrationregistry.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "io.integrationregistry.application..", "io.integrationregistry.domain..");
}
