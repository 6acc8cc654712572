package io.volumegate.s3.access;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.CannedAcl;
import io.volumegate.access.Grant;
import io.volumegate.access.Permission;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.objects.BucketRules;
import io.volumegate.storage.BucketAccess.AccessBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public access block and ownership control documents, and what each refuses. */
class BucketAccessDocumentsTest {
    private static final String OWNER = "a".repeat(64);
    private static final String WRITER = "c".repeat(64);

    private static byte[] xml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void refused(S3Error error, Executable call) {
        assertEquals(error, assertThrows(S3Exception.class, call).error());
    }

    private static BucketRules rules(AccessBlock block, String ownership) {
        return new BucketRules(OWNER, AccessControlList.privateTo(OWNER), null, block, ownership, false);
    }

    @Test
    void publicAccessBlockSwitchesRoundTripAndDefaultToOff() {
        AccessBlock block = PublicAccessBlocks.parse(xml("<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<BlockPublicAcls>true</BlockPublicAcls><BlockPublicPolicy>1</BlockPublicPolicy></PublicAccessBlockConfiguration>"));
        assertEquals(new AccessBlock(true, false, true, false), block);
        assertEquals(block, PublicAccessBlocks.parse(PublicAccessBlocks.document(block)));
        String text = new String(PublicAccessBlocks.document(block), StandardCharsets.UTF_8);
        assertTrue(text.contains("<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>"
                + "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets>"), text);
        assertEquals(BucketRules.NO_BLOCK, PublicAccessBlocks.parse(xml("<PublicAccessBlockConfiguration/>")));
        refused(S3Error.MALFORMED_XML, () -> PublicAccessBlocks.parse(xml("<PublicAccessBlockConfiguration><BlockPublicAcls>yes"
                + "</BlockPublicAcls></PublicAccessBlockConfiguration>")));
        refused(S3Error.MALFORMED_XML, () -> PublicAccessBlocks.parse(xml("<PublicAccessBlockConfiguration>")));
    }

    @Test
    void blockPublicAclsRefusesPublicGrantsOnly() {
        BucketRules blocked = rules(new AccessBlock(true, false, false, false), null);
        refused(S3Error.ACCESS_DENIED, () -> PublicAccessBlocks.requireAclAllowed(blocked, CannedAcl.PUBLIC_READ.expand(OWNER, OWNER)));
        refused(S3Error.ACCESS_DENIED, () -> PublicAccessBlocks.requireAclAllowed(blocked, CannedAcl.AUTHENTICATED_READ.expand(OWNER, OWNER)));
        assertDoesNotThrow(() -> PublicAccessBlocks.requireAclAllowed(blocked, CannedAcl.LOG_DELIVERY_WRITE.expand(OWNER, OWNER)));
        assertDoesNotThrow(() -> PublicAccessBlocks.requireAclAllowed(blocked, CannedAcl.PRIVATE.expand(OWNER, OWNER)));
        assertDoesNotThrow(() -> PublicAccessBlocks.requireAclAllowed(blocked, null));
        assertDoesNotThrow(() -> PublicAccessBlocks.requireAclAllowed(rules(BucketRules.NO_BLOCK, null),
                CannedAcl.PUBLIC_READ_WRITE.expand(OWNER, OWNER)));
    }

    @Test
    void ownershipControlsRoundTripOneKnownRule() {
        for (String value : List.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter")) {
            assertEquals(value, ObjectOwnershipControls.parse(ObjectOwnershipControls.document(value)));
        }
        assertEquals("ObjectWriter", ObjectOwnershipControls.parse(xml("<OwnershipControls><Rule><ObjectOwnership> ObjectWriter "
                + "</ObjectOwnership></Rule></OwnershipControls>")));
        refused(S3Error.MALFORMED_XML, () -> ObjectOwnershipControls.parse(xml("<OwnershipControls><Rule><ObjectOwnership>Anyone"
                + "</ObjectOwnership></Rule></OwnershipControls>")));
        refused(S3Error.MALFORMED_XML, () -> ObjectOwnershipControls.parse(xml("<OwnershipControls/>")));
        refused(S3Error.MALFORMED_XML, () -> ObjectOwnershipControls.parse(xml("<OwnershipControls><Rule/></OwnershipControls>")));
        refused(S3Error.MALFORMED_XML, () -> ObjectOwnershipControls.parse(xml("<OwnershipControls><Rule><ObjectOwnership>ObjectWriter"
                + "</ObjectOwnership></Rule><Rule><ObjectOwnership>ObjectWriter</ObjectOwnership></Rule></OwnershipControls>")));
    }

    @Test
    void bucketOwnerEnforcedTakesNoAclButTheOwnersFullControl() {
        BucketRules enforced = rules(BucketRules.NO_BLOCK, BucketRules.BUCKET_OWNER_ENFORCED);
        AccessControlList ownerOnly = CannedAcl.BUCKET_OWNER_FULL_CONTROL.expand(WRITER, OWNER);
        assertDoesNotThrow(() -> ObjectOwnershipControls.requireAclAllowed(enforced, "bucket-owner-full-control", ownerOnly));
        assertDoesNotThrow(() -> ObjectOwnershipControls.requireAclAllowed(enforced, null, null));
        assertDoesNotThrow(() -> ObjectOwnershipControls.requireAclAllowed(enforced, null,
                new AccessControlList(OWNER, List.of(Grant.toUser(OWNER, Permission.FULL_CONTROL)))));
        refused(S3Error.ACCESS_CONTROL_LIST_NOT_SUPPORTED, () -> ObjectOwnershipControls.requireAclAllowed(enforced, "private",
                CannedAcl.PRIVATE.expand(OWNER, OWNER)));
        refused(S3Error.ACCESS_CONTROL_LIST_NOT_SUPPORTED, () -> ObjectOwnershipControls.requireAclAllowed(enforced, null,
                new AccessControlList(OWNER, List.of(Grant.toUser(WRITER, Permission.READ)))));
        assertDoesNotThrow(() -> ObjectOwnershipControls.requireAclAllowed(rules(BucketRules.NO_BLOCK, "ObjectWriter"), "public-read",
                CannedAcl.PUBLIC_READ.expand(OWNER, OWNER)));
    }

    @Test
    void aclsGoOffOnlyOnceTheBucketAclIsPrivate() {
        BucketRules publicRead = new BucketRules(OWNER, CannedAcl.PUBLIC_READ.expand(OWNER, OWNER), null, BucketRules.NO_BLOCK, null, false);
        refused(S3Error.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP, () -> ObjectOwnershipControls.requireSettable(publicRead.acl(), "BucketOwnerEnforced"));
        assertDoesNotThrow(() -> ObjectOwnershipControls.requireSettable(publicRead.acl(), "ObjectWriter"));
        assertDoesNotThrow(() -> ObjectOwnershipControls.requireSettable(AccessControlList.privateTo(OWNER), "BucketOwnerEnforced"));
    }
}
