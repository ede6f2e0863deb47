package games.analytics.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The query-service's shape: web -> grammar -> model; sql renders the grammar's trees into Statements, which clickhouse runs;
 * output renders ClickHouse's answers; only the clickhouse package touches client-v2; nothing imports the ingest-service.
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
                .layer("openapi").definedBy("games.analytics.query.openapi..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("openapi").mayNotBeAccessedByAnyLayer() // run by the build, not by the service
                .whereLayer("sql").mayOnlyBeAccessedByLayers("web", "clickhouse", "openapi") // clickhouse runs its Statements; openapi reads the describe statistics
                .whereLayer("output").mayOnlyBeAccessedByLayers("web")
                .whereLayer("clickhouse").mayOnlyBeAccessedByLayers("web")
                .whereLayer("grammar").mayOnlyBeAccessedByLayers("web", "sql", "output", "openapi")
                .check(CLASSES);
    }

    @Test
    void theGrammarKnowsNoHttpNoSqlRendererAndNoClickHouse() {
        noClasses().that().resideInAPackage("games.analytics.query.grammar..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http..", "com.clickhouse..", "reactor..")
                .check(CLASSES);
    }

    /**
     * The grammar holds no SQL, not even as text handed to the renderer: no ClickHouse function or SQL keyword appears
     * in its sources (the operator table's SQL is sql.OperatorSql's exhaustive switch).
     */
    @Test
    void theGrammarsSourcesHoldNoSql() throws java.io.IOException {
        java.util.regex.Pattern sql = java.util.regex.Pattern.compile(
                "lowerUTF8|positionCaseInsensitive|arrayExists|assumeNotNull|isNull\\(|isNotNull\\(|toDate\\(|\\b(SELECT|WHERE|BETWEEN|ORDER BY|GROUP BY)\\b");
        java.nio.file.Path grammar = java.nio.file.Path.of("src/main/java/games/analytics/query/grammar");
        try (var files = java.nio.file.Files.list(grammar)) {
            java.util.List<String> found = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return java.nio.file.Files.readAllLines(f).stream().filter(line -> !line.strip().startsWith("*") && !line.strip().startsWith("//"))
                            .filter(line -> sql.matcher(line).find()).map(line -> f.getFileName() + ": " + line.strip());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), found);
        }
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
