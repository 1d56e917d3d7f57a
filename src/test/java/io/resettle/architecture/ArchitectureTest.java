package io.resettle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout a newcomer reads (STYLE.md 1, 9; issue 13): feature roots hold the pure domain, their
 * wiring and stores live in their {@code batch} packages, and dependencies run one way.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.resettle");

    /** The packages whose root is pure domain: rules, records, calculators. */
    static final String[] FEATURE_ROOTS = {"io.resettle.money", "io.resettle.billing", "io.resettle.payable",
            "io.resettle.policy", "io.resettle.ingest", "io.resettle.masterdata", "io.resettle.pricing",
            "io.resettle.invoice", "io.resettle.rebate", "io.resettle.payout", "io.resettle.referral",
            "io.resettle.reconcile", "io.resettle.generate", "io.resettle.output", "io.resettle.forecast",
            "io.resettle.schedule"};

    @Test
    void featureRootsDoNotDependOnSpringOrJdbc() {
        noClasses().that().resideInAnyPackage(FEATURE_ROOTS)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
                .check(MAIN);
    }

    @Test
    void domainDoesNotDependOnBatchWiring() {
        noClasses().that().resideInAnyPackage(FEATURE_ROOTS)
                .should().dependOnClassesThat().resideInAnyPackage("..batch..", "io.resettle.run..", "io.resettle.web..",
                        "io.resettle.settle..", "io.resettle.cli..")
                .check(MAIN);
    }

    /** One direction of dependencies (issue 13): no feature reaches back into one built on it. */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.resettle.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** The bottom packages depend on nothing of ours but each other. */
    @Test
    void vocabularyAndPlumbingSitAtTheBottom() {
        noClasses().that().resideInAnyPackage("io.resettle.money..", "io.resettle.billing..", "io.resettle.payable..",
                        "io.resettle.support..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.resettle.money..", "io.resettle.billing..",
                        "io.resettle.payable..", "io.resettle.support..", "java..", "javax..", "org..", "com..")
                .check(MAIN);
    }
}
