package io.volumegate.api;

import io.volumegate.access.AccessControlList;
import io.volumegate.http.Exchange;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketRules;
import io.volumegate.objects.ObjectRef;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/**
 * ACLs of objects (the reference's {@code .../objects/{key}/acl}) and of buckets (ours), read
 * and replaced with S3's rules: the ACL is exactly the grants given, the owner stays; a grant
 * may name a credential's canonical id (or the resource's or bucket's owner), a group's URI;
 * under the bucket's BucketOwnerEnforced control ACLs cannot be set, and under
 * BlockPublicAcls a public one is refused. Who may read or replace an ACL is
 * {@link ApiAccess}'s decision (READ_ACP, WRITE_ACP, the owner, scope, policy).
 */
@ApplicationScoped
public class AclResource {
    static final String UPDATED = "updated";

    @Inject
    AccessService access;
    @Inject
    ApiAccess api;
    @Inject
    IoExecutor io;

    /** The current ACL of the resource a PUT replaces, and how to store the new one. */
    private interface AclTarget {
        AccessControlList current(BucketRules rules) throws IOException;

        void store(AccessControlList acl) throws IOException;
    }

    void objectAcl(Exchange exchange, ApiRequest request) {
        ObjectRef ref = ref(request);
        exchange.runOn(io, () -> answer(exchange, access.objectAcl(ref)));
    }

    void setObjectAcl(Exchange exchange, ApiRequest request) throws Exception {
        ObjectRef ref = ref(request);
        replace(exchange, request, new AclTarget() {
            @Override
            public AccessControlList current(BucketRules rules) throws IOException {
                return access.objectAcl(ref);
            }

            @Override
            public void store(AccessControlList acl) throws IOException {
                access.setObjectAcl(ref, acl);
            }
        });
    }

    void bucketAcl(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> answer(exchange, bucketAcl(access.rules(request.bucket()))));
    }

    void setBucketAcl(Exchange exchange, ApiRequest request) throws Exception {
        replace(exchange, request, new AclTarget() {
            @Override
            public AccessControlList current(BucketRules rules) {
                return bucketAcl(rules);
            }

            @Override
            public void store(AccessControlList acl) throws IOException {
                access.setBucketAcl(request.bucket(), acl);
            }
        });
    }

    private void replace(Exchange exchange, ApiRequest request, AclTarget target) throws Exception {
        exchange.then(JsonBody.<AclDocuments.AclPolicy>read(exchange, AclDocuments.AclPolicy.class), io, body -> {
            BucketRules rules = access.rules(request.bucket());
            if (rules.aclsDisabled()) {
                throw new ApiException(400, "AccessControlListNotSupported", "The bucket does not allow ACLs (ObjectOwnership "
                        + BucketRules.BUCKET_OWNER_ENFORCED + ").");
            }
            String owner = target.current(rules).owner();
            AccessControlList acl = AclDocuments.parse(body, owner,
                    id -> id.equals(owner) || id.equals(rules.owner()) || api.knows(id));
            if (rules.block().blockPublicAcls() && acl.isPublic()) {
                throw ApiException.forbidden("The bucket's public access block refuses public ACLs.");
            }
            target.store(acl);
            ApiResponses.ok(exchange, new ProxiedMultipartResource.StatusResponse(UPDATED));
        });
    }

    private void answer(Exchange exchange, AccessControlList acl) {
        ApiResponses.ok(exchange, AclDocuments.response(acl, api::displayName));
    }

    /** A bucket's ACL as S3 answers it: private to the owner while ACLs are off. */
    private static AccessControlList bucketAcl(BucketRules rules) {
        return rules.aclsDisabled() ? AccessControlList.privateTo(rules.owner()) : rules.acl();
    }

    private static ObjectRef ref(ApiRequest request) {
        return new ObjectRef(request.bucket(), request.key(), request.versionId());
    }
}
