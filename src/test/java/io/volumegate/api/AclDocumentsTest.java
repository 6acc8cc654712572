package io.volumegate.api;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.CannedAcl;
import io.volumegate.access.Grant;
import io.volumegate.access.GroupUri;
import io.volumegate.access.Permission;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ACLs to and from the API's JSON (boto3's shapes), and what a PUT may ask for. */
class AclDocumentsTest {
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final String OWNER = "a".repeat(64);
    private static final String OTHER = "b".repeat(64);
    private static final Predicate<String> KNOWN = Set.of(OWNER, OTHER)::contains;

    private static AclDocuments.AclPolicy policy(String json) {
        return ApiJson.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), AclDocuments.AclPolicy.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAclIsAnsweredInBoto3sShapesWithDisplayNames() {
        AccessControlList acl = new AccessControlList(OWNER, List.of(Grant.toGroup(GroupUri.ALL_USERS, Permission.READ),
                Grant.toUser(OWNER, Permission.FULL_CONTROL), Grant.toUser(OTHER, Permission.READ_ACP)));
        String json = ApiJson.toJson(AclDocuments.response(acl, id -> id.equals(OWNER) ? "VGOWNER" : id));
        Map<String, Object> answer = JSON.fromJson(json, Map.class);
        assertEquals(Set.of("owner", "grants"), answer.keySet(), json);
        assertEquals(Map.of("ID", OWNER, "DisplayName", "VGOWNER"), answer.get("owner"));
        List<Map<String, Object>> grants = (List<Map<String, Object>>) answer.get("grants");
        assertEquals(Map.of("Grantee", Map.of("Type", "Group", "URI", GroupUri.ALL_USERS.uri()), "Permission", "READ"), grants.get(0));
        assertEquals(Map.of("Grantee", Map.of("Type", "CanonicalUser", "ID", OWNER, "DisplayName", "VGOWNER"),
                "Permission", "FULL_CONTROL"), grants.get(1));
        assertEquals(Map.of("Type", "CanonicalUser", "ID", OTHER, "DisplayName", OTHER), grants.get(2).get("Grantee"));
    }

    @Test
    void whatGetAnswersGoesBackToPutWithItsNamesCapitalised() {
        AccessControlList acl = CannedAcl.AUTHENTICATED_READ.expand(OWNER, OWNER);
        String answered = ApiJson.toJson(AclDocuments.response(acl, id -> "name"));
        String request = answered.replace("\"owner\"", "\"Owner\"").replace("\"grants\"", "\"Grants\"");
        assertEquals(acl, AclDocuments.parse(policy(request), OWNER, KNOWN));
    }

    @Test
    void theRequestShapeOfTheReferenceIsParsed() {
        AccessControlList acl = AclDocuments.parse(policy("""
                {"Owner": {"ID": "%s"}, "Grants": [
                  {"Grantee": {"Type": "CanonicalUser", "ID": "%s", "DisplayName": "ignored"}, "Permission": "READ"},
                  {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}, "Permission": "WRITE_ACP"}
                ]}""".formatted(OWNER, OTHER)), OWNER, KNOWN);
        assertEquals(new AccessControlList(OWNER, List.of(Grant.toUser(OTHER, Permission.READ),
                Grant.toGroup(GroupUri.AUTHENTICATED_USERS, Permission.WRITE_ACP))), acl);
        // Owner may be left out; no grants at all leaves the owner what ownership gives
        assertEquals(new AccessControlList(OWNER, List.of()), AclDocuments.parse(policy("{\"Grants\": []}"), OWNER, KNOWN));
    }

    @Test
    void badGrantsAreBadRequestsAndAnotherOwnerIsForbidden() {
        String user = "{\"Grants\": [{\"Grantee\": {\"Type\": \"CanonicalUser\", \"ID\": \"%s\"}, \"Permission\": \"%s\"}]}";
        assertRefused(400, "InvalidArgument", user.formatted("c".repeat(64), "READ")); // no credential has it
        assertRefused(400, "InvalidArgument", user.formatted(OTHER, "read")); // permissions are upper case, as S3's
        assertRefused(400, "InvalidArgument", user.formatted(OTHER, "DELETE"));
        assertRefused(400, "InvalidArgument", "{\"Grants\": [{\"Grantee\": {\"Type\": \"CanonicalUser\"}, \"Permission\": \"READ\"}]}");
        assertRefused(400, "InvalidArgument", "{\"Grants\": [{\"Grantee\": {\"Type\": \"User\", \"ID\": \"" + OTHER + "\"}, \"Permission\": \"READ\"}]}");
        assertRefused(400, "InvalidArgument", "{\"Grants\": [{\"Grantee\": {\"ID\": \"" + OTHER + "\"}, \"Permission\": \"READ\"}]}");
        assertRefused(400, "InvalidArgument", "{\"Grants\": [{\"Grantee\": {\"Type\": \"Group\", \"URI\": \"http://example.com/all\"}, \"Permission\": \"READ\"}]}");
        assertRefused(400, "UnresolvableGrantByEmailAddress",
                "{\"Grants\": [{\"Grantee\": {\"Type\": \"AmazonCustomerByEmail\", \"EmailAddress\": \"a@b.c\"}, \"Permission\": \"READ\"}]}");
        assertRefused(400, "InvalidArgument", "{\"Grants\": [{\"Permission\": \"READ\"}]}");
        assertRefused(400, "InvalidArgument", "{\"Grants\": [null]}");
        assertRefused(400, "InvalidArgument", "{\"Owner\": {\"ID\": \"" + OWNER + "\"}}");
        assertRefused(400, "InvalidArgument", "{\"Owner\": {}, \"Grants\": []}");
        assertRefused(403, "AccessDenied", "{\"Owner\": {\"ID\": \"" + OTHER + "\"}, \"Grants\": []}");
    }

    private static void assertRefused(int status, String code, String json) {
        ApiException refused = assertThrows(ApiException.class, () -> AclDocuments.parse(policy(json), OWNER, KNOWN), json);
        assertEquals(status, refused.status(), json);
        assertEquals(code, refused.code(), json);
    }
}
