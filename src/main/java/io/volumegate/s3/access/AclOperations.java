package io.volumegate.s3.access;

import io.volumegate.access.AccessControlList;
import io.volumegate.http.Exchange;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketRules;
import io.volumegate.objects.ObjectRef;
import io.volumegate.s3.AclHeaders;
import io.volumegate.s3.Principals;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.object.IntegrityCheckedBody;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.function.Function;

/**
 * Get/PutBucketAcl and Get/PutObjectAcl (of the latest version, or the one {@code versionId}
 * names). Changing an object's ACL changes its metadata only: content, ETag and Last-Modified
 * stay. A delete marker has no ACL: 405 MethodNotAllowed by version id, NoSuchKey as latest,
 * as GetObject answers.
 */
@ApplicationScoped
public class AclOperations {
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    @Inject
    AccessService access;
    @Inject
    Principals names;
    @Inject
    IoExecutor io;

    public void getBucketAcl(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> answer(exchange, access.rules(request.bucket()).acl()));
    }

    public void getObjectAcl(Exchange exchange, S3Request request) {
        ObjectRef ref = refOf(request);
        exchange.runOn(io, () -> answer(exchange, access.objectAcl(ref)));
    }

    public void putBucketAcl(Exchange exchange, S3Request request) throws Exception {
        exchange.then(IntegrityCheckedBody.readVerifyingAnyDigest(exchange, request, MAX_DOCUMENT_BYTES), io, body -> {
            BucketRules rules = access.rules(request.bucket());
            AccessControlList acl = requested(exchange, body, rules.owner(), rules);
            if (acl != null) access.setBucketAcl(request.bucket(), acl);
            exchange.finishEmpty();
        });
    }

    public void putObjectAcl(Exchange exchange, S3Request request) throws Exception {
        ObjectRef ref = refOf(request);
        exchange.then(IntegrityCheckedBody.readVerifyingAnyDigest(exchange, request, MAX_DOCUMENT_BYTES), io, body -> {
            BucketRules rules = access.rules(ref.bucket());
            AccessControlList acl = requested(exchange, body, access.objectAcl(ref).owner(), rules);
            if (acl != null) access.setObjectAcl(ref, acl);
            exchange.finishEmpty();
        });
    }

    /**
     * The ACL the request asks for on a resource of {@code owner}, checked against the
     * bucket's ownership control and public access block; null when ACLs are off, where the
     * one ACL still accepted changes nothing.
     */
    private AccessControlList requested(Exchange exchange, byte[] body, String owner, BucketRules rules) throws IOException {
        Function<String, String> header = exchange.request()::getHeader;
        AccessControlList acl = AccessControlPolicies.requested(body, header, owner, rules.owner(),
                id -> id.equals(owner) || id.equals(rules.owner()) || names.exists(id));
        ObjectOwnershipControls.requireAclAllowed(rules, header.apply(AclHeaders.CANNED), acl);
        if (rules.aclsDisabled()) return null;
        PublicAccessBlocks.requireAclAllowed(rules, acl);
        return acl;
    }

    private void answer(Exchange exchange, AccessControlList acl) {
        exchange.finishWith(AccessControlPolicies.document(acl, names::displayName), S3Xml.CONTENT_TYPE);
    }

    private static ObjectRef refOf(S3Request request) {
        return new ObjectRef(request.bucket(), request.key(), request.query().get("versionId"));
    }
}
