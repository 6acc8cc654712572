package io.volumegate.s3.access;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.Grant;
import io.volumegate.access.Grantee;
import io.volumegate.access.Permission;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.s3.AclHeaders;
import io.volumegate.s3.xml.AccessControlPolicy;
import io.volumegate.s3.xml.Owner;
import io.volumegate.s3.xml.S3Xml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The ACL a Put Bucket/Object ACL request asks for, in the body (an AccessControlPolicy
 * document) or in the headers ({@link AclHeaders}), and the document Get*Acl answers.
 * S3's refusals: both body and headers, UnexpectedContent; neither, MissingSecurityHeader; a
 * document that does not follow the schema, MalformedACLError; an unknown user id or group
 * URI, InvalidArgument; an e-mail grantee, UnresolvableGrantByEmailAddress (no credential has
 * an address); an Owner other than the resource's, AccessDenied (an ACL never changes owners).
 */
public final class AccessControlPolicies {
    private static final String CANONICAL_USER = "CanonicalUser";
    private static final String GROUP = "Group";
    private static final String BY_EMAIL = "AmazonCustomerByEmail";

    private AccessControlPolicies() {}

    /**
     * The ACL a request asks for on a resource of {@code owner} in a bucket of {@code bucketOwner}.
     *
     * @param body      the request body, empty when there is none
     * @param knownUser whether a canonical user id is one a grant may name
     */
    public static AccessControlList requested(byte[] body, Function<String, String> header, String owner, String bucketOwner,
                                              Predicate<String> knownUser) {
        boolean inHeaders = AclHeaders.present(header);
        if (body.length > 0 && inHeaders) throw S3Error.UNEXPECTED_CONTENT.exception();
        if (body.length > 0) return parse(body, owner, knownUser);
        if (!inHeaders) throw S3Error.MISSING_SECURITY_HEADER.exception().with("MissingHeaderName", AclHeaders.CANNED);
        return AclHeaders.from(header, owner, bucketOwner, knownUser);
    }

    /** The ACL of an AccessControlPolicy document, for a resource of {@code owner}. */
    static AccessControlList parse(byte[] body, String owner, Predicate<String> knownUser) {
        AccessControlPolicy document;
        try {
            document = S3Xml.read(body, AccessControlPolicy.class, AccessControlPolicy.CONTEXT);
        } catch (S3Exception e) {
            throw e.error() == S3Error.MALFORMED_XML ? malformed() : e;
        }
        if (document.AccessControlList.size() != 1) throw malformed();
        if (document.Owner != null && document.Owner.ID != null && !document.Owner.ID.strip().equals(owner)) {
            throw S3Error.ACCESS_DENIED.exception("The owner of a bucket or object cannot be changed with its ACL.");
        }
        List<Grant> grants = new ArrayList<>();
        for (AccessControlPolicy.Grant grant : document.AccessControlList.get(0).Grant) {
            if (grant == null || grant.Grantee == null || grant.Permission == null) throw malformed();
            grants.add(new Grant(grantee(grant.Grantee, knownUser), permission(grant.Permission)));
        }
        return new AccessControlList(owner, grants);
    }

    private static Grantee grantee(AccessControlPolicy.Grantee grantee, Predicate<String> knownUser) {
        String id = trimmed(grantee.ID);
        String uri = trimmed(grantee.URI);
        return switch (typeOf(grantee, id, uri)) {
            case CANONICAL_USER -> {
                if (id == null) throw malformed();
                yield AclHeaders.user(id, knownUser);
            }
            case GROUP -> {
                if (uri == null) throw malformed();
                yield AclHeaders.group(uri);
            }
            case BY_EMAIL -> throw S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS.exception();
            default -> throw malformed();
        };
    }

    /** The grantee's xsi:type without a prefix; a grantee without one is typed by the one element it has. */
    private static String typeOf(AccessControlPolicy.Grantee grantee, String id, String uri) {
        String type = trimmed(grantee.type);
        if (type != null) return type.substring(type.indexOf(':') + 1);
        if (id != null && uri == null) return CANONICAL_USER;
        if (uri != null && id == null) return GROUP;
        if (trimmed(grantee.EmailAddress) != null) return BY_EMAIL;
        return "";
    }

    private static Permission permission(String text) {
        try {
            return Permission.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static S3Exception malformed() {
        return S3Error.MALFORMED_ACL_ERROR.exception();
    }

    /**
     * The AccessControlPolicy document of an ACL: grants in the order they were given, a
     * user's DisplayName when {@code displayName} knows one, a group by its URI alone.
     */
    public static byte[] document(AccessControlList acl, Function<String, String> displayName) {
        AccessControlPolicy document = new AccessControlPolicy();
        document.Owner = new Owner(acl.owner(), displayName.apply(acl.owner()));
        AccessControlPolicy.GrantList list = new AccessControlPolicy.GrantList();
        for (Grant grant : acl.grants()) {
            AccessControlPolicy.Grantee grantee = new AccessControlPolicy.Grantee();
            if (grant.grantee() instanceof Grantee.User user) {
                grantee.type = CANONICAL_USER;
                grantee.ID = user.id();
                grantee.DisplayName = displayName.apply(user.id());
            } else {
                grantee.type = GROUP;
                grantee.URI = ((Grantee.Group) grant.grantee()).uri().uri();
            }
            AccessControlPolicy.Grant element = new AccessControlPolicy.Grant();
            element.Grantee = grantee;
            element.Permission = grant.permission().name();
            list.Grant.add(element);
        }
        document.AccessControlList.add(list);
        return S3Xml.write(document, AccessControlPolicy.CONTEXT);
    }
}
