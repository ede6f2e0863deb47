package games.analytics.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The ingest-service's shape: web -> run -> (source, store) -> job; the download side knows nothing of jobs or
 * ClickHouse; only the store package touches client-v2; nothing imports the query-service.
 */
class LayersTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("games.analytics.ingest");

    @Test
    void layersDependInOneDirection() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("web").definedBy("games.analytics.ingest.web..")
                .layer("run").definedBy("games.analytics.ingest.run..")
                .layer("source").definedBy("games.analytics.ingest.source..")
                .layer("store").definedBy("games.analytics.ingest.store..")
                .layer("job").definedBy("games.analytics.ingest.job..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("run").mayOnlyBeAccessedByLayers("web")
                .whereLayer("source").mayOnlyBeAccessedByLayers("web", "run")
                .whereLayer("store").mayOnlyBeAccessedByLayers("web", "run")
                .whereLayer("job").mayOnlyBeAccessedByLayers("web", "run", "store")
                .check(CLASSES);
    }

    @Test
    void theDownloadSideKnowsNoJobsAndNoClickHouse() {
        noClasses().that().resideInAPackage("games.analytics.ingest.source..")
                .should().dependOnClassesThat().resideInAnyPackage("games.analytics.ingest.job..", "com.clickhouse..")
                .check(CLASSES);
    }

    @Test
    void onlyTheStorePackageTouchesTheClient() {
        noClasses().that().resideOutsideOfPackage("games.analytics.ingest.store..")
                .should().dependOnClassesThat().resideInAPackage("com.clickhouse..")
                .check(CLASSES);
    }

    @Test
    void theServicesNeverImportEachOther() {
        noClasses().should().dependOnClassesThat().resideInAPackage("games.analytics.query..").check(CLASSES);
    }
}
