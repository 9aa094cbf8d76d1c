package io.headwater.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is plain Java (docs/architecture.md, Layers): no UI toolkit, no vendor driver or client. */
class EngineArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.headwater.engine");

    @Test
    void engineDependsOnNoJavaFxJdbcOrVendorLibrary() {
        noClasses().that().resideInAPackage("io.headwater.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "java.sql..", "org.apache.kafka..", "io.debezium..",
                        "org.apache.lucene..", "org.h2..", "org.postgresql..", "io.lettuce..")
                .check(ENGINE);
    }
}
