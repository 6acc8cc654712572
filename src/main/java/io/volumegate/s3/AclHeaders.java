package io.volumegate.s3;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.CannedAcl;
import io.volumegate.access.Grant;
import io.volumegate.access.Grantee;
import io.volumegate.access.GroupUri;
import io.volumegate.access.Permission;
import io.volumegate.http.S3Error;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The ACL a request asks for in its headers: a canned ACL ({@code x-amz-acl}) or explicit
 * grants ({@code x-amz-grant-read: id="...", uri="..."} and its siblings), never both. With
 * explicit grants the ACL is exactly those grants, as S3 has it, so an owner who leaves
 * itself out keeps only what ownership itself gives.
 */
public final class AclHeaders {
    public static final String CANNED = "x-amz-acl";
    private static final Map<String, Permission> GRANT_HEADERS = orderedGrantHeaders();

    private AclHeaders() {}

    /** Whether the request names an ACL in its headers at all. */
    public static boolean present(Function<String, String> header) {
        return header.apply(CANNED) != null || GRANT_HEADERS.keySet().stream().anyMatch(name -> header.apply(name) != null);
    }

    /**
     * The ACL the headers ask for on a resource of {@code owner} in a bucket of {@code bucketOwner};
     * the owner's private ACL when they name none.
     *
     * @param knownUser whether a canonical user id is one of ours; a grant to any other is refused
     * @throws io.volumegate.http.S3Exception InvalidArgument for an unknown canned ACL, a
     *         malformed grant or an unknown grantee; InvalidRequest for canned ACL and grants together;
     *         UnresolvableGrantByEmailAddress for a grant by e-mail (no credential has one)
     */
    public static AccessControlList from(Function<String, String> header, String owner, String bucketOwner,
                                         Predicate<String> knownUser) {
        String canned = header.apply(CANNED);
        List<Grant> grants = new ArrayList<>();
        GRANT_HEADERS.forEach((name, permission) -> {
            String value = header.apply(name);
            if (value != null) grants.addAll(parseGrants(name, value, permission, knownUser));
        });
        if (canned != null && !grants.isEmpty()) {
            throw S3Error.INVALID_REQUEST.exception("Specifying both Canned ACLs and Header Grants is not allowed");
        }
        if (!grants.isEmpty()) return new AccessControlList(owner, grants);
        if (canned == null) return AccessControlList.privateTo(owner);
        return CannedAcl.of(canned.trim())
                .orElseThrow(() -> S3Error.INVALID_ARGUMENT.exception("The canned ACL " + abbreviate(canned) + " is not one S3 knows.")
                        .with("ArgumentName", CANNED).with("ArgumentValue", abbreviate(canned)))
                .expand(owner, bucketOwner);
    }

    private static List<Grant> parseGrants(String headerName, String value, Permission permission, Predicate<String> knownUser) {
        List<Grant> grants = new ArrayList<>();
        for (String item : value.split(",")) {
            String grantee = item.trim();
            int eq = grantee.indexOf('=');
            if (eq <= 0) throw malformed(headerName, value);
            String type = grantee.substring(0, eq).trim();
            String name = unquote(grantee.substring(eq + 1).trim());
            switch (type) {
                case "id" -> grants.add(new Grant(user(name, knownUser), permission));
                case "uri" -> grants.add(new Grant(group(name), permission));
                case "emailAddress" -> throw S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS.exception();
                default -> throw malformed(headerName, value);
            }
        }
        return grants;
    }

    /**
     * The grantee a canonical user id names, in a header or in an AccessControlPolicy document.
     *
     * @throws io.volumegate.http.S3Exception InvalidArgument when it is no user of ours
     */
    public static Grantee.User user(String id, Predicate<String> knownUser) {
        if (!knownUser.test(id)) {
            throw S3Error.INVALID_ARGUMENT.exception("Invalid id").with("ArgumentName", "CanonicalUser/ID").with("ArgumentValue", abbreviate(id));
        }
        return new Grantee.User(id);
    }

    /**
     * The grantee a group URI names, in a header or in an AccessControlPolicy document.
     *
     * @throws io.volumegate.http.S3Exception InvalidArgument when it is none of S3's groups
     */
    public static Grantee.Group group(String uri) {
        return new Grantee.Group(GroupUri.of(uri).orElseThrow(() -> S3Error.INVALID_ARGUMENT.exception("Invalid group uri")
                .with("ArgumentName", "Group/URI").with("ArgumentValue", abbreviate(uri))));
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    private static RuntimeException malformed(String headerName, String value) {
        return S3Error.INVALID_ARGUMENT.exception("The " + headerName + " header must list grantees as id=\"...\" or uri=\"...\".")
                .with("ArgumentName", headerName).with("ArgumentValue", abbreviate(value));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** In the order S3 lists grants made by header: read, write, read-acp, write-acp, full-control. */
    private static Map<String, Permission> orderedGrantHeaders() {
        Map<String, Permission> headers = new java.util.LinkedHashMap<>();
        headers.put("x-amz-grant-read", Permission.READ);
        headers.put("x-amz-grant-write", Permission.WRITE);
        headers.put("x-amz-grant-read-acp", Permission.READ_ACP);
        headers.put("x-amz-grant-write-acp", Permission.WRITE_ACP);
        headers.put("x-amz-grant-full-control", Permission.FULL_CONTROL);
        return java.util.Collections.unmodifiableMap(headers);
    }
}
