package io.volumegate.objects;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.CannedAcl;
import io.volumegate.access.Grant;
import io.volumegate.access.GroupUri;
import io.volumegate.access.Permission;
import io.volumegate.access.Principal;
import io.volumegate.storage.BucketAccess.AccessBlock;
import io.volumegate.storage.ObjectMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How scope, ownership, ACLs and the public access block combine, over a real volume. */
class AccessServiceTest {
    private static final String BUCKET = ServiceFixture.BUCKET;
    private static final Principal OWNER = Principal.ofAccessKey("OWNERKEY");
    private static final Principal OTHER = Principal.ofAccessKey("OTHERKEY");
    private static final AccessCheck GET = new AccessCheck("s3:GetObject", Permission.READ, true, false);
    private static final AccessCheck PUT = new AccessCheck("s3:PutObject", Permission.WRITE, false, true);
    private static final AccessCheck LIST = new AccessCheck("s3:ListBucket", Permission.READ, false, false);
    private static final AccessCheck PUT_VERSIONING = new AccessCheck("s3:PutBucketVersioning", null, false, true);

    @TempDir
    Path root;
    private ServiceFixture fixture;
    private AccessService access;

    @BeforeEach
    void ownedBucket() throws IOException {
        fixture = new ServiceFixture(root);
        access = fixture.access;
        access.initialiseBucket(BUCKET, OWNER.canonicalId(), null);
    }

    private AccessDecision decide(Requester who, AccessCheck check, String key) throws IOException {
        return access.decide(who, check, BUCKET, key, null, Map::of);
    }

    private static Requester outsider(Principal principal) {
        return new Requester(principal, false, false, false);
    }

    private void put(String key, AccessControlList acl) throws IOException {
        fixture.put(key, "x".getBytes(StandardCharsets.UTF_8), AccessService.stamp(ObjectMetadata.builder(), acl).build());
    }

    @Test
    void theOwnerMayDoEverythingAndOthersNothingByDefault() throws IOException {
        put("private.txt", AccessControlList.privateTo(OWNER.canonicalId()));
        assertEquals(AccessDecision.ALLOWED, decide(outsider(OWNER), PUT_VERSIONING, null));
        assertEquals(AccessDecision.ALLOWED, decide(outsider(OWNER), GET, "private.txt"));
        assertEquals(AccessDecision.NOT_GRANTED, decide(outsider(OTHER), GET, "private.txt"));
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, LIST, null));
        assertEquals(AccessDecision.NOT_GRANTED, decide(outsider(OTHER), PUT, "new.txt"));
    }

    @Test
    void aCredentialsScopeLetsItInWhoeverOwnsTheBucket() throws IOException {
        put("private.txt", AccessControlList.privateTo(OWNER.canonicalId()));
        assertEquals(AccessDecision.ALLOWED, decide(new Requester(OTHER, true, false, false), GET, "private.txt"));
        assertEquals(AccessDecision.ALLOWED, decide(new Requester(OTHER, true, false, false), PUT_VERSIONING, null));
    }

    @Test
    void aReadOnlyCredentialNeverWritesWhateverElseAllows() throws IOException {
        access.setBucketAcl(BUCKET, CannedAcl.PUBLIC_READ_WRITE.expand(OWNER.canonicalId(), OWNER.canonicalId()));
        assertEquals(AccessDecision.READ_ONLY, decide(new Requester(OWNER, true, true, true), PUT, "new.txt"));
        assertEquals(AccessDecision.ALLOWED, decide(new Requester(OWNER, true, true, false), LIST, null));
    }

    @Test
    void publicReadObjectsAreReadableByAnyoneInAPrivateBucket() throws IOException {
        put("open.txt", CannedAcl.PUBLIC_READ.expand(OWNER.canonicalId(), OWNER.canonicalId()));
        put("closed.txt", AccessControlList.privateTo(OWNER.canonicalId()));
        assertEquals(AccessDecision.ALLOWED, decide(Requester.ANONYMOUS, GET, "open.txt"));
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, GET, "closed.txt"));
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, LIST, null));
    }

    @Test
    void aMissingKeyIsReportedOnlyToWhoMayListTheBucket() throws IOException {
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, GET, "missing.txt"));
        access.setBucketAcl(BUCKET, CannedAcl.PUBLIC_READ.expand(OWNER.canonicalId(), OWNER.canonicalId()));
        assertEquals(AccessDecision.ALLOWED, decide(Requester.ANONYMOUS, GET, "missing.txt"));
    }

    @Test
    void publicReadWriteBucketsTakeWritesFromAnyone() throws IOException {
        access.setBucketAcl(BUCKET, CannedAcl.PUBLIC_READ_WRITE.expand(OWNER.canonicalId(), OWNER.canonicalId()));
        assertEquals(AccessDecision.ALLOWED, decide(Requester.ANONYMOUS, PUT, "new.txt"));
        assertEquals(AccessDecision.ALLOWED, decide(Requester.ANONYMOUS, LIST, null));
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, PUT_VERSIONING, null));
    }

    @Test
    void authenticatedReadLetsInEveryCredentialButNotAnonymous() throws IOException {
        put("members.txt", CannedAcl.AUTHENTICATED_READ.expand(OWNER.canonicalId(), OWNER.canonicalId()));
        assertEquals(AccessDecision.ALLOWED, decide(outsider(OTHER), GET, "members.txt"));
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, GET, "members.txt"));
    }

    @Test
    void aGrantToOneCredentialLetsInThatOneOnly() throws IOException {
        put("shared.txt", new AccessControlList(OWNER.canonicalId(), List.of(Grant.toUser(OWNER.canonicalId(), Permission.FULL_CONTROL),
                Grant.toUser(OTHER.canonicalId(), Permission.READ))));
        assertEquals(AccessDecision.ALLOWED, decide(outsider(OTHER), GET, "shared.txt"));
        assertEquals(AccessDecision.NOT_GRANTED, decide(outsider(Principal.ofAccessKey("THIRDKEY")), GET, "shared.txt"));
        AccessCheck readAcl = new AccessCheck("s3:GetObjectAcl", Permission.READ_ACP, true, false);
        assertEquals(AccessDecision.NOT_GRANTED, decide(outsider(OTHER), readAcl, "shared.txt"));
    }

    @Test
    void theWriterOfAnObjectOwnsItInAnotherOwnersBucket() throws IOException {
        put("theirs.txt", AccessControlList.privateTo(OTHER.canonicalId()));
        assertEquals(OTHER.canonicalId(), access.objectAcl(ObjectRef.of(BUCKET, "theirs.txt")).owner());
        assertEquals(AccessDecision.ALLOWED, decide(outsider(OTHER), GET, "theirs.txt"));
    }

    @Test
    void ignorePublicAclsClosesWhatPublicGrantsOpened() throws IOException {
        put("open.txt", CannedAcl.PUBLIC_READ.expand(OWNER.canonicalId(), OWNER.canonicalId()));
        access.setAccessBlock(BUCKET, new AccessBlock(false, true, false, false));
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, GET, "open.txt"));
        access.setAccessBlock(BUCKET, null);
        assertEquals(AccessDecision.ALLOWED, decide(Requester.ANONYMOUS, GET, "open.txt"));
    }

    @Test
    void bucketOwnerEnforcedTurnsAclsOffAndGivesObjectsToTheBucketOwner() throws IOException {
        put("theirs.txt", new AccessControlList(OTHER.canonicalId(), List.of(Grant.toGroup(GroupUri.ALL_USERS, Permission.READ))));
        access.setObjectOwnership(BUCKET, BucketRules.BUCKET_OWNER_ENFORCED);
        assertEquals(OWNER.canonicalId(), access.objectAcl(ObjectRef.of(BUCKET, "theirs.txt")).owner());
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, GET, "theirs.txt"));
    }

    @Test
    void aMissingBucketIsLeftToTheOperationToReport() throws IOException {
        assertEquals(AccessDecision.ALLOWED, access.decide(Requester.ANONYMOUS, LIST, "nosuchbucket", null, null, Map::of));
    }

    @Test
    void aChangedAclIsObeyedAtTheNextRequest() throws IOException {
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, LIST, null));
        access.setBucketAcl(BUCKET, CannedAcl.PUBLIC_READ.expand(OWNER.canonicalId(), OWNER.canonicalId()));
        assertEquals(AccessDecision.ALLOWED, decide(Requester.ANONYMOUS, LIST, null));
        access.setBucketAcl(BUCKET, AccessControlList.privateTo(OWNER.canonicalId()));
        assertEquals(AccessDecision.NOT_GRANTED, decide(Requester.ANONYMOUS, LIST, null));
    }
}
