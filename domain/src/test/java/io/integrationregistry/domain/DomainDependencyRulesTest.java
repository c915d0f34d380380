package io.integrationregistry.domain;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The domain is plain Java: it may use the Java platform and itself, nothing else. */
@AnalyzeClasses(packages = "io.integrationregistry.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainDependencyRulesTest {

    @ArchTest
    static final ArchRule the_domain_depends_on_the_java_platform_only = classes()
            .that()
            .resideInAPackage("io.integrationregistry.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.integrationregistry.domain..");
}
