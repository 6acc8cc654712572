package io.volumegate.s3.access;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.CannedAcl;
import io.volumegate.access.Grant;
import io.volumegate.access.GroupUri;
import io.volumegate.access.Permission;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessControlPoliciesTest {
    private static final String OWNER = "a".repeat(64);
    private static final String OTHER = "b".repeat(64);
    private static final Predicate<String> KNOWN = Set.of(OWNER, OTHER)::contains;
    private static final Map<String, String> NAMES = Map.of(OWNER, "OWNERKEY");
    private static final byte[] NO_BODY = new byte[0];
    private static final String XSI = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    private static byte[] policy(String owner, String grants) {
        return ("<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + owner
                + "<AccessControlList>" + grants + "</AccessControlList></AccessControlPolicy>").getBytes(StandardCharsets.UTF_8);
    }

    private static String owner(String id) {
        return "<Owner><ID>" + id + "</ID><DisplayName>whoever</DisplayName></Owner>";
    }

    private static String user(String id, String permission) {
        return "<Grant><Grantee " + XSI + " xsi:type=\"CanonicalUser\"><ID>" + id + "</ID></Grantee><Permission>" + permission
                + "</Permission></Grant>";
    }

    private static String group(String uri, String permission) {
        return "<Grant><Grantee " + XSI + " xsi:type=\"Group\"><URI>" + uri + "</URI></Grantee><Permission>" + permission
                + "</Permission></Grant>";
    }

    private static AccessControlList parse(byte[] body) {
        return AccessControlPolicies.parse(body, OWNER, KNOWN);
    }

    private static void refused(S3Error error, Executable call) {
        assertEquals(error, assertThrows(S3Exception.class, call).error());
    }

    @Test
    void documentGrantsRoundTripInOrder() {
        AccessControlList acl = parse(policy(owner(OWNER), group(GroupUri.ALL_USERS.uri(), "READ") + user(OTHER, "WRITE_ACP")
                + user(OWNER, "FULL_CONTROL")));
        assertEquals(new AccessControlList(OWNER, List.of(Grant.toGroup(GroupUri.ALL_USERS, Permission.READ),
                Grant.toUser(OTHER, Permission.WRITE_ACP), Grant.toUser(OWNER, Permission.FULL_CONTROL))), acl);
        assertEquals(acl, parse(AccessControlPolicies.document(acl, NAMES::get)));
    }

    @Test
    void answerNamesKnownUsersAndGroupsByUriAlone() {
        AccessControlList acl = CannedAcl.PUBLIC_READ.expand(OWNER, OWNER);
        String xml = new String(AccessControlPolicies.document(new AccessControlList(OWNER,
                List.of(acl.grants().get(0), acl.grants().get(1), Grant.toUser(OTHER, Permission.READ))), NAMES::get), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Owner><ID>" + OWNER + "</ID><DisplayName>OWNERKEY</DisplayName></Owner>"), xml);
        assertTrue(xml.matches(".*<Grant><Grantee [^>]*xsi:type=\"Group\"[^>]*><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI>"
                + "</Grantee><Permission>READ</Permission></Grant>.*"), xml);
        assertTrue(xml.matches(".*<Grantee [^>]*xsi:type=\"CanonicalUser\"[^>]*><ID>" + OWNER + "</ID><DisplayName>OWNERKEY</DisplayName>"
                + "</Grantee><Permission>FULL_CONTROL</Permission>.*"), xml);
        // No display name known: the element is left out, as S3 leaves it out.
        assertTrue(xml.matches(".*<ID>" + OTHER + "</ID></Grantee><Permission>READ</Permission>.*"), xml);
        assertTrue(xml.contains("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""), xml);
    }

    @Test
    void documentsWithoutNamespaceOwnerOrTypeAreRead() {
        byte[] bare = ("<AccessControlPolicy><AccessControlList><Grant><Grantee><ID>" + OTHER + "</ID></Grantee><Permission>READ</Permission>"
                + "</Grant><Grant><Grantee " + XSI + " xsi:type=\"Group\"><URI>" + GroupUri.AUTHENTICATED_USERS.uri() + "</URI></Grantee>"
                + "<Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>").getBytes(StandardCharsets.UTF_8);
        assertEquals(new AccessControlList(OWNER, List.of(Grant.toUser(OTHER, Permission.READ),
                Grant.toGroup(GroupUri.AUTHENTICATED_USERS, Permission.READ))), parse(bare));
    }

    @Test
    void anEmptyListRevokesEverything() {
        assertEquals(new AccessControlList(OWNER, List.of()), parse(policy(owner(OWNER), "")));
    }

    @Test
    void malformedDocumentsAreMalformedAclErrors() {
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse("<AccessControlPolicy>".getBytes(StandardCharsets.UTF_8)));
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse("not xml".getBytes(StandardCharsets.UTF_8)));
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse(("<AccessControlPolicy>" + owner(OWNER) + "</AccessControlPolicy>")
                .getBytes(StandardCharsets.UTF_8)));
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse(("<AccessControlPolicy><AccessControlList/><AccessControlList/></AccessControlPolicy>")
                .getBytes(StandardCharsets.UTF_8)));
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse(policy(owner(OWNER), user(OTHER, "EVERYTHING"))));
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse(policy(owner(OWNER), "<Grant><Permission>READ</Permission></Grant>")));
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse(policy(owner(OWNER), "<Grant><Grantee><ID>" + OTHER + "</ID></Grantee></Grant>")));
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse(policy(owner(OWNER), "<Grant><Grantee " + XSI + " xsi:type=\"Robot\"><ID>" + OTHER
                + "</ID></Grantee><Permission>READ</Permission></Grant>")));
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse(policy(owner(OWNER), "<Grant><Grantee " + XSI + " xsi:type=\"CanonicalUser\">"
                + "<URI>" + GroupUri.ALL_USERS.uri() + "</URI></Grantee><Permission>READ</Permission></Grant>")));
        // XXE stays MalformedACLError, and nothing is read
        refused(S3Error.MALFORMED_ACL_ERROR, () -> parse(("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<AccessControlPolicy><AccessControlList><Grant><Grantee><ID>&x;</ID></Grantee><Permission>READ</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unknownGranteesAndOtherOwnersAreRefusedAsS3Does() {
        refused(S3Error.INVALID_ARGUMENT, () -> parse(policy(owner(OWNER), user("_foo", "FULL_CONTROL"))));
        refused(S3Error.INVALID_ARGUMENT, () -> parse(policy(owner(OWNER), group("http://acs.amazonaws.com/groups/global/Robots", "READ"))));
        refused(S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS, () -> parse(policy(owner(OWNER), "<Grant><Grantee " + XSI
                + " xsi:type=\"AmazonCustomerByEmail\"><EmailAddress>someone@example.com</EmailAddress></Grantee>"
                + "<Permission>READ</Permission></Grant>")));
        refused(S3Error.ACCESS_DENIED, () -> parse(policy(owner(OTHER), user(OTHER, "FULL_CONTROL"))));
    }

    @Test
    void theAclIsInTheBodyOrInTheHeadersNeverBothNorNeither() {
        Map<String, String> headers = new HashMap<>();
        byte[] body = policy(owner(OWNER), user(OTHER, "READ"));
        refused(S3Error.MISSING_SECURITY_HEADER, () -> AccessControlPolicies.requested(NO_BODY, headers::get, OWNER, OWNER, KNOWN));
        assertEquals(List.of(Grant.toUser(OTHER, Permission.READ)),
                AccessControlPolicies.requested(body, headers::get, OWNER, OWNER, KNOWN).grants());

        headers.put("x-amz-acl", "public-read");
        assertEquals(CannedAcl.PUBLIC_READ.expand(OWNER, OWNER), AccessControlPolicies.requested(NO_BODY, headers::get, OWNER, OWNER, KNOWN));
        refused(S3Error.UNEXPECTED_CONTENT, () -> AccessControlPolicies.requested(body, headers::get, OWNER, OWNER, KNOWN));

        headers.put("x-amz-acl", "public-everything");
        refused(S3Error.INVALID_ARGUMENT, () -> AccessControlPolicies.requested(NO_BODY, headers::get, OWNER, OWNER, KNOWN));
        headers.clear();
        headers.put("x-amz-grant-read", "id=\"" + OTHER + "\", uri=\"" + GroupUri.ALL_USERS.uri() + "\"");
        // Kept in the one order every ACL has: grants to groups, then to users.
        assertEquals(List.of(Grant.toGroup(GroupUri.ALL_USERS, Permission.READ), Grant.toUser(OTHER, Permission.READ)),
                AccessControlPolicies.requested(NO_BODY, headers::get, OWNER, OWNER, KNOWN).grants());
        headers.put("x-amz-grant-write", "emailAddress=\"someone@example.com\"");
        refused(S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS, () -> AccessControlPolicies.requested(NO_BODY, headers::get, OWNER, OWNER, KNOWN));
    }
}
