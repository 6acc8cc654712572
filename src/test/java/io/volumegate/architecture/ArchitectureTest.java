package io.volumegate.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.volumegate.storage.AtomicFiles;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.CommitLock;
import io.volumegate.storage.ListedObject;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.TempFile;
import io.volumegate.storage.Volume;
import io.volumegate.storage.multipart.MultipartStaging;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The walls of the code layout (README "How a request flows", DESIGN.md section 6). A request
 * reads top to bottom: http, auth, then s3 or api, then the object service (objects), then
 * storage. A wall broken here fails the build, with the offending dependency named.
 */
class ArchitectureTest {
    private static final String ROOT = "io.volumegate";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void storageSpeaksItsOwnLanguage() {
        check(noClasses().that().resideInAPackage("..storage..")
                .should().dependOnClassesThat().resideInAnyPackage("..http..", "..auth..", "..s3..", "..api..", "..console..",
                        "..objects..", "..ops..", "jakarta.servlet..", "jakarta.json..", "jakarta.xml.bind..", "io.micrometer..")
                .because("storage knows nothing of HTTP, S3, JSON or metrics: it reports failures as StorageException reasons,"
                        + " and what it did as plain totals that ops reads"));
    }

    @Test
    void theObjectServiceIsProtocolNeutral() {
        check(noClasses().that().resideInAPackage("..objects..")
                .should().dependOnClassesThat().resideInAnyPackage("..http..", "..auth..", "..s3..", "..api..", "..console..",
                        "jakarta.servlet..", "jakarta.json..", "jakarta.xml.bind..")
                .because("both APIs stand on the same object service; each maps its results to its own protocol"));
    }

    @Test
    void configAndChecksumsAreLeaves() {
        check(noClasses().that().resideInAPackage("..config..")
                .should().dependOnClassesThat().resideOutsideOfPackages("..config..", "java..", "jakarta.enterprise..",
                        "jakarta.inject..", "jakarta.annotation..")
                .because("config imports nothing of ours and no servlet type: whoever needs a parsed setting parses it"));
        check(noClasses().that().resideInAPackage("..checksum..")
                .should().dependOnClassesThat().resideOutsideOfPackages("..checksum..", "java.."));
    }

    @Test
    void theTwoApisDoNotReachIntoEachOther() {
        check(noClasses().that().resideInAPackage("..api..").should().dependOnClassesThat().resideInAPackage("..s3.."));
        check(noClasses().that().resideInAPackage("..s3..").should().dependOnClassesThat().resideInAPackage("..api.."));
    }

    @Test
    void handlersReachTheVolumeOnlyThroughTheObjectService() {
        check(noClasses().that().resideInAnyPackage("..s3..", "..api..", "..console..")
                .should().dependOnClassesThat().belongToAnyOf(Volume.class, Bucket.class, MultipartStaging.class, TempFile.class,
                        AtomicFiles.class, CommitLock.class)
                .because("the object service is the one way down to storage for both APIs"));
    }

    @Test
    void filesystemPathsStayInsideStorage() {
        check(noClasses().that().resideInAnyPackage("..s3..", "..api..", "..console..", "..objects..")
                .should().dependOnClassesThat().belongToAnyOf(Path.class, Files.class)
                .orShould().callMethod(FileChannel.class, "open", Path.class, java.nio.file.OpenOption[].class)
                .orShould().callMethod(StoredObject.class, "path")
                .orShould().callMethod(StoredObject.class, "open")
                .orShould().callMethod(ListedObject.class, "path")
                .because("handlers and the service get opened content from storage, never a path to open themselves"));
    }

    @Test
    void topLevelPackagesDoNotImportEachOther() {
        check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
    }
}
