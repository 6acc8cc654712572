package io.volumegate.access.policy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The policy language is a leaf: the JDK and JSON-P, nothing of ours, no servlet or S3 type. */
class PolicyPackageTest {
    @Test
    void dependsOnTheJdkAndJsonProcessingOnly() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.volumegate.access.policy");
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("io.volumegate.access.policy", "java..",
                "jakarta.json..").check(classes);
    }
}
