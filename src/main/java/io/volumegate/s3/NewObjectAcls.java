package io.volumegate.s3;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.CannedAcl;
import io.volumegate.access.Principal;
import io.volumegate.auth.Credential;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketRules;
import io.volumegate.s3.access.ObjectOwnershipControls;
import io.volumegate.s3.access.PublicAccessBlocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.function.Function;

/**
 * The owner and ACL of an object a request writes (PutObject, CopyObject,
 * CreateMultipartUpload, POST Object): its writer owns it (an anonymous writer's object
 * belongs to the bucket's owner, and so does one written with bucket-owner-full-control
 * under BucketOwnerPreferred), with the ACL its headers ask for. Under the bucket's
 * BucketOwnerEnforced control the bucket's owner owns it and only ACLs that change nothing
 * are accepted; under BlockPublicAcls a public ACL is refused. Blocking (the bucket's
 * settings, cached by stamp): call from the I/O executor.
 */
@ApplicationScoped
public class NewObjectAcls {
    @Inject
    AccessService access;
    @Inject
    Principals principals;

    /** The ACL of an object {@code writer} writes in {@code bucket}, headers as {@code header} reads them. */
    public AccessControlList of(String bucket, Credential writer, Function<String, String> header) throws IOException {
        BucketRules rules = access.rules(bucket);
        // Under BucketOwnerPreferred, an object written with bucket-owner-full-control is the bucket owner's.
        boolean toBucketOwner = writer.isAnonymous() || rules.aclsDisabled() || (BucketRules.BUCKET_OWNER_PREFERRED.equals(rules.objectOwnership())
                && CannedAcl.BUCKET_OWNER_FULL_CONTROL.header().equals(header.apply(AclHeaders.CANNED)));
        String owner = toBucketOwner ? rules.owner() : Principal.canonicalIdOf(writer.accessKeyId());
        AccessControlList acl = AclHeaders.from(header, owner, rules.owner(), principals::exists);
        if (AclHeaders.present(header)) {
            ObjectOwnershipControls.requireAclAllowed(rules, header.apply(AclHeaders.CANNED), acl);
            PublicAccessBlocks.requireAclAllowed(rules, acl);
        }
        return rules.aclsDisabled() ? AccessControlList.privateTo(rules.owner()) : acl;
    }
}
