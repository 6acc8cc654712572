package io.volumegate.api;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.Grant;
import io.volumegate.access.Grantee;
import io.volumegate.access.GroupUri;
import io.volumegate.access.Permission;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * ACLs in the management API's JSON, in the shapes boto3 uses for S3's: an owner
 * {@code {"ID", "DisplayName"}}, grants {@code [{"Grantee": {"Type": "CanonicalUser", "ID",
 * "DisplayName"} | {"Type": "Group", "URI"}, "Permission"}]}. The reference's AclResponse
 * names them {@code owner} and {@code grants}, its AclPolicy request {@code Owner} and
 * {@code Grants}, so what GET answers goes back to PUT once its two names are capitalised.
 */
final class AclDocuments {
    static final String CANONICAL_USER = "CanonicalUser";
    static final String GROUP = "Group";
    static final String BY_EMAIL = "AmazonCustomerByEmail";

    private AclDocuments() {}

    @JsonbPropertyOrder({"ID", "DisplayName"})
    public record AclOwner(@JsonbProperty("ID") String id, @JsonbProperty("DisplayName") String displayName) {}

    /** A user grantee has ID and DisplayName, a group URI: the other fields are left out. */
    @JsonbPropertyOrder({"Type", "ID", "DisplayName", "URI"})
    public record AclGrantee(@JsonbProperty("Type") String type, @JsonbProperty("ID") @JsonbNillable(false) String id,
                             @JsonbProperty("DisplayName") @JsonbNillable(false) String displayName,
                             @JsonbProperty("URI") @JsonbNillable(false) String uri) {}

    @JsonbPropertyOrder({"Grantee", "Permission"})
    public record AclGrant(@JsonbProperty("Grantee") AclGrantee grantee, @JsonbProperty("Permission") String permission) {}

    /** The reference's AclResponse. */
    public record AclResponse(AclOwner owner, List<AclGrant> grants) {}

    /** The reference's AclPolicy request: boto3's AccessControlPolicy. Owner may be left out; when given, it must be the owner. */
    public record AclPolicy(@JsonbProperty("Owner") AclOwner owner, @JsonbProperty("Grants") List<AclGrant> grants) {}

    /** The ACL as the API shows it, each id with its display name. */
    static AclResponse response(AccessControlList acl, UnaryOperator<String> displayName) {
        List<AclGrant> grants = new ArrayList<>(acl.grants().size());
        for (Grant grant : acl.grants()) {
            AclGrantee grantee = grant.grantee() instanceof Grantee.User user
                    ? new AclGrantee(CANONICAL_USER, user.id(), displayName.apply(user.id()), null)
                    : new AclGrantee(GROUP, null, null, ((Grantee.Group) grant.grantee()).uri().uri());
            grants.add(new AclGrant(grantee, grant.permission().name()));
        }
        return new AclResponse(new AclOwner(acl.owner(), displayName.apply(acl.owner())), grants);
    }

    /**
     * The ACL a PUT asks for on a resource of {@code owner}.
     *
     * @param knownUser whether a canonical id may be granted to (a credential's, or an owner's)
     * @throws ApiException 403 AccessDenied for an Owner.ID that is not the owner (as S3 answers);
     *                      400 for a grant without grantee, an unknown grantee type, id, group or
     *                      permission, and a grant by e-mail address (no credential has one)
     */
    static AccessControlList parse(AclPolicy policy, String owner, Predicate<String> knownUser) {
        if (policy.owner() != null) {
            if (policy.owner().id() == null || policy.owner().id().isBlank()) throw ApiException.badRequest("Owner needs an ID.");
            if (!policy.owner().id().equals(owner)) throw ApiException.forbidden("Owner.ID is not the owner of this resource.");
        }
        if (policy.grants() == null) throw ApiException.badRequest("Grants is required: a list of grants, [] for none.");
        List<Grant> grants = new ArrayList<>(policy.grants().size());
        for (AclGrant grant : policy.grants()) {
            if (grant == null || grant.grantee() == null) throw ApiException.badRequest("Every grant needs a Grantee.");
            grants.add(new Grant(grantee(grant.grantee(), knownUser), permission(grant.permission())));
        }
        return new AccessControlList(owner, grants);
    }

    private static Grantee grantee(AclGrantee grantee, Predicate<String> knownUser) {
        String type = grantee.type() == null ? "" : grantee.type();
        switch (type) {
            case CANONICAL_USER -> {
                if (grantee.id() == null || grantee.id().isBlank()) throw ApiException.badRequest("A CanonicalUser grantee needs an ID.");
                if (!knownUser.test(grantee.id())) {
                    throw ApiException.badRequest("Invalid id: no credential has the canonical id " + abbreviate(grantee.id()) + ".");
                }
                return new Grantee.User(grantee.id());
            }
            case GROUP -> {
                String uri = grantee.uri() == null ? "" : grantee.uri();
                return new Grantee.Group(GroupUri.of(uri).orElseThrow(() -> ApiException.badRequest(
                        "Invalid group uri " + abbreviate(uri) + ": AllUsers, AuthenticatedUsers or LogDelivery's URI.")));
            }
            case BY_EMAIL -> throw new ApiException(400, "UnresolvableGrantByEmailAddress",
                    "No credential has an e-mail address: grant to a CanonicalUser ID instead.");
            default -> throw ApiException.badRequest("Grantee Type must be " + CANONICAL_USER + " or " + GROUP + ", not "
                    + abbreviate(type) + ".");
        }
    }

    private static Permission permission(String name) {
        for (Permission permission : Permission.values()) {
            if (permission.name().equals(name)) return permission;
        }
        throw ApiException.badRequest("Permission must be READ, WRITE, READ_ACP, WRITE_ACP or FULL_CONTROL, not " + abbreviate(String.valueOf(name)) + ".");
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
