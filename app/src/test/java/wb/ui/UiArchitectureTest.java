package wb.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The UI's side of the dependency rules: engines stay behind the core, ViewModels stay free of nodes. */
@AnalyzeClasses(packages = "wb.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    @ArchTest
    static final ArchRule noEngineTypesInTheUi = noClasses().that().resideInAPackage("wb.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.opencv..", "org.bytedeco..")
            .because("the UI reaches models through wb.train.Classifier and images through wb.imaging");

    @ArchTest
    static final ArchRule viewModelsTouchNoNodes = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..", "org.controlsfx..")
            .because("a ViewModel holds properties and commands and is tested without a toolkit");
}
