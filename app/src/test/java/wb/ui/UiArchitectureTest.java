package wb.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The UI's side of the one-way dependencies: JavaFX stays in wb.ui, engines stay out of it. */
class UiArchitectureTest {

    private static JavaClasses classes;
    private static boolean resolvedBefore;

    @BeforeAll
    static void importClasses() {
        // The rules look at package names only; resolving DL4J's classes from the class path would take seconds.
        resolvedBefore = ArchConfiguration.get().resolveMissingDependenciesFromClassPath();
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("wb");
    }

    @AfterAll
    static void restore() {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(resolvedBefore);
    }

    @Test
    void onlyTheUiUsesJavaFxOrControlsFx() {
        noClasses().that().resideOutsideOfPackage("wb.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the core and the CLI must run without a display")
                .check(classes);
    }

    @Test
    void theUiSeesNoEngineObjects() {
        noClasses().that().resideInAPackage("wb.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..", "org.opencv..", "org.bytedeco..")
                .because("arrays, networks and Mats stay behind the core's Raster, Classifier and ComputeInfo")
                .check(classes);
    }

    @Test
    void viewModelsTouchNoNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..", "org.controlsfx..")
                .because("a ViewModel is tested without a toolkit")
                .check(classes);
    }
}
