package wb.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one-way dependency rules of docs/architecture.md: front ends on top of a headless core. */
class ArchitectureTest {

    private static final String[] CORE = {"wb.common..", "wb.imaging..", "wb.dataset..", "wb.augment..", "wb.model..",
            "wb.train..", "wb.evaluate..", "wb.export.."};

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("wb");
    }

    @Test
    void coreNeverImportsUiToolkitsOrFrontEnds() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "wb.ui..", "wb.cli..")
                .check(classes);
    }

    @Test
    void cliAndUiAreIndependent() {
        noClasses().that().resideInAPackage("wb.cli..").should().dependOnClassesThat().resideInAPackage("wb.ui..").check(classes);
        noClasses().that().resideInAPackage("wb.ui..").should().dependOnClassesThat().resideInAPackage("wb.cli..").check(classes);
    }

    @Test
    void onlyImagingTouchesOpenCv() {
        noClasses().that().resideOutsideOfPackage("wb.imaging..").should().dependOnClassesThat().resideInAPackage("org.opencv..").check(classes);
    }

    @Test
    void onlyDatasetIoTouchesHdf5() {
        noClasses().that().resideOutsideOfPackage("wb.dataset.io..").should().dependOnClassesThat().resideInAPackage("io.jhdf..").check(classes);
    }

    @Test
    void uiNeverSeesEngineObjects() {
        noClasses().that().resideInAPackage("wb.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.opencv..")
                .check(classes);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("wb.common..")
                .should().dependOnClassesThat().resideInAnyPackage("wb.imaging..", "wb.dataset..", "wb.augment..", "wb.model..", "wb.train..", "wb.evaluate..", "wb.export..")
                .check(classes);
        noClasses().that().resideInAnyPackage("wb.imaging..", "wb.augment..", "wb.dataset..", "wb.evaluate..")
                .should().dependOnClassesThat().resideInAnyPackage("wb.model..", "wb.train..", "wb.export..", "org.deeplearning4j..", "org.nd4j..")
                .check(classes);
        noClasses().that().resideInAnyPackage("wb.augment..", "wb.evaluate..")
                .should().dependOnClassesThat().resideInAnyPackage("wb.dataset..")
                .check(classes);
    }
}
