package io.headwater.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of docs/architecture.md (Layers), checked on the compiled classes of every module. */
class LayerArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.headwater");
    }

    @Test
    void engineUsesNoToolkitDriverOrVendorClient() {
        noClasses().that().resideInAPackage("io.headwater.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "org.apache.kafka..", "io.debezium..",
                        "org.apache.lucene..", "org.h2..", "org.postgresql..", "io.zonky..", "io.lettuce..")
                .check(classes);
    }

    @Test
    void viewsNeverSeeConnectorsOrTheApp() {
        noClasses().that().resideInAPackage("io.headwater.views..")
                .should().dependOnClassesThat().resideInAnyPackage("io.headwater.connectors..", "io.headwater.app..", "java.sql..",
                        "org.apache.kafka..", "org.apache.lucene..", "org.h2..")
                .check(classes);
    }

    @Test
    void connectorsNeverSeeViewsOrTheApp() {
        noClasses().that().resideInAPackage("io.headwater.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage("io.headwater.views..", "io.headwater.app..", "javafx..")
                .check(classes);
    }

    @Test
    void engineDoesNotReachIntoOuterModules() {
        noClasses().that().resideInAPackage("io.headwater.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.headwater.connectors..", "io.headwater.views..", "io.headwater.app..")
                .check(classes);
    }
}
