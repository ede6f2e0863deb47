package games.analytics.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The query-service's shape: web -> grammar -> model; sql renders the grammar's trees; output renders ClickHouse's
 * answers; only the clickhouse package touches client-v2; nothing imports the ingest-service.
 */
class LayersTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("games.analytics.query");

    @Test
    void layersDependInOneDirection() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("web").definedBy("games.analytics.query.web..")
                .layer("sql").definedBy("games.analytics.query.sql..")
                .layer("output").definedBy("games.analytics.query.output..")
                .layer("clickhouse").definedBy("games.analytics.query.clickhouse..")
                .layer("grammar").definedBy("games.analytics.query.grammar..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("sql").mayOnlyBeAccessedByLayers("web")
                .whereLayer("output").mayOnlyBeAccessedByLayers("web")
                .whereLayer("clickhouse").mayOnlyBeAccessedByLayers("web")
                .whereLayer("grammar").mayOnlyBeAccessedByLayers("web", "sql", "output")
                .check(CLASSES);
    }

    @Test
    void theGrammarKnowsNoHttpNoSqlRendererAndNoClickHouse() {
        noClasses().that().resideInAPackage("games.analytics.query.grammar..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http..", "com.clickhouse..", "reactor..")
                .check(CLASSES);
    }

    @Test
    void onlyTheClickHousePackageTouchesTheClient() {
        noClasses().that().resideOutsideOfPackage("games.analytics.query.clickhouse..")
                .should().dependOnClassesThat().resideInAPackage("com.clickhouse..")
                .check(CLASSES);
    }

    @Test
    void theServicesNeverImportEachOther() {
        noClasses().should().dependOnClassesThat().resideInAPackage("games.analytics.ingest..").check(CLASSES);
    }
}
