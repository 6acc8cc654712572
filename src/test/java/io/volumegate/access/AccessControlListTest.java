package io.volumegate.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessControlListTest {
    private static final String OWNER = Principal.canonicalIdOf("OWNER");
    private static final String BUCKET_OWNER = Principal.canonicalIdOf("BUCKETOWNER");

    @Test
    void canonicalIdsAreStableSixtyFourHexDigitsAndDifferPerKey() {
        assertEquals(Principal.canonicalIdOf("AKID"), Principal.ofAccessKey("AKID").canonicalId());
        assertTrue(Principal.canonicalIdOf("AKID").matches("[0-9a-f]{64}"));
        assertFalse(Principal.canonicalIdOf("AKID").equals(Principal.canonicalIdOf("AKID2")));
        assertTrue(Principal.ANONYMOUS.isAnonymous());
        assertEquals(List.of(), List.copyOf(Principal.ANONYMOUS.policyNames()));
    }

    @Test
    void cannedAclsExpandGroupGrantsBeforeTheOwners() {
        AccessControlList acl = CannedAcl.PUBLIC_READ_WRITE.expand(OWNER, OWNER);
        assertEquals(List.of(Grant.toGroup(GroupUri.ALL_USERS, Permission.READ), Grant.toGroup(GroupUri.ALL_USERS, Permission.WRITE),
                Grant.toUser(OWNER, Permission.FULL_CONTROL)), acl.grants());
        assertTrue(acl.isPublic());
        assertFalse(CannedAcl.PRIVATE.expand(OWNER, OWNER).isPublic());
        assertTrue(CannedAcl.PRIVATE.expand(OWNER, OWNER).isPrivate());
    }

    @Test
    void bucketOwnerAclsGrantTheBucketOwnerOnlyWhenItIsSomeoneElse() {
        assertEquals(List.of(Grant.toUser(OWNER, Permission.FULL_CONTROL), Grant.toUser(BUCKET_OWNER, Permission.READ)),
                CannedAcl.BUCKET_OWNER_READ.expand(OWNER, BUCKET_OWNER).grants());
        assertEquals(List.of(Grant.toUser(OWNER, Permission.FULL_CONTROL), Grant.toUser(BUCKET_OWNER, Permission.FULL_CONTROL)),
                CannedAcl.BUCKET_OWNER_FULL_CONTROL.expand(OWNER, BUCKET_OWNER).grants());
        assertEquals(List.of(Grant.toUser(OWNER, Permission.FULL_CONTROL)), CannedAcl.BUCKET_OWNER_FULL_CONTROL.expand(OWNER, OWNER).grants());
    }

    @Test
    void fullControlIncludesEveryPermissionAndGroupsCoverWhoTheyName() {
        Principal member = Principal.ofAccessKey("MEMBER");
        AccessControlList acl = new AccessControlList(OWNER, List.of(Grant.toUser(member.canonicalId(), Permission.FULL_CONTROL),
                Grant.toGroup(GroupUri.AUTHENTICATED_USERS, Permission.READ)));
        for (Permission permission : Permission.values()) assertTrue(acl.allows(member, permission, false));
        assertTrue(acl.allows(Principal.ofAccessKey("ANYONE"), Permission.READ, false));
        assertFalse(acl.allows(Principal.ofAccessKey("ANYONE"), Permission.WRITE, false));
        assertFalse(acl.allows(Principal.ANONYMOUS, Permission.READ, false));
        assertFalse(acl.allows(Principal.ofAccessKey("ANYONE"), Permission.READ, true), "ignoring public grants");
    }

    @Test
    void grantsToGroupsComeBeforeGrantsToUsersWhateverTheOrderGiven() {
        AccessControlList acl = new AccessControlList(OWNER, List.of(Grant.toUser(OWNER, Permission.FULL_CONTROL),
                Grant.toGroup(GroupUri.ALL_USERS, Permission.READ), Grant.toUser(BUCKET_OWNER, Permission.READ)));
        assertEquals(List.of(Grant.toGroup(GroupUri.ALL_USERS, Permission.READ), Grant.toUser(OWNER, Permission.FULL_CONTROL),
                Grant.toUser(BUCKET_OWNER, Permission.READ)), acl.grants());
    }

    @Test
    void storedGrantsReadBackAsWritten() {
        List<Grant> grants = List.of(Grant.toGroup(GroupUri.ALL_USERS, Permission.READ), Grant.toGroup(GroupUri.LOG_DELIVERY, Permission.WRITE),
                Grant.toUser(OWNER, Permission.WRITE_ACP));
        String line = AclCodec.encode(grants);
        assertEquals(grants, AclCodec.decode(line));
        assertEquals(List.of(), AclCodec.decode(""));
        assertThrows(IllegalArgumentException.class, () -> AclCodec.decode("x:abc=READ"));
        assertThrows(IllegalArgumentException.class, () -> AclCodec.decode("u:abc=SOMETHING"));
    }

    @Test
    void cannedAclsAreNamedAsS3NamesThem() {
        assertEquals(CannedAcl.AUTHENTICATED_READ, CannedAcl.of("authenticated-read").orElseThrow());
        assertTrue(CannedAcl.of("public-read,private").isEmpty());
        assertEquals(GroupUri.ALL_USERS, GroupUri.of("http://acs.amazonaws.com/groups/global/AllUsers").orElseThrow());
    }
}
