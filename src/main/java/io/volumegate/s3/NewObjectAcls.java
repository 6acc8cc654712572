package io.volumegate.s3;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.CannedAcl;
import io.volumegate.access.Principal;
import io.volumegate.auth.Credential;
import io.volumegate.http.S3Error;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.function.Function;

/**
 * The owner and ACL of an object a request writes (PutObject, CopyObject,
 * CreateMultipartUpload, POST Object): its writer owns it (an anonymous writer's object
 * belongs to the bucket's owner), with the ACL its headers ask for. Under the bucket's
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
        String owner = writer.isAnonymous() ? rules.owner() : Principal.canonicalIdOf(writer.accessKeyId());
        if (rules.aclsDisabled()) {
            String canned = header.apply(AclHeaders.CANNED);
            boolean harmless = canned == null || canned.equals(CannedAcl.BUCKET_OWNER_FULL_CONTROL.header())
                    || canned.equals(CannedAcl.PRIVATE.header());
            if (!harmless || (canned == null && AclHeaders.present(header))) {
                throw S3Error.ACCESS_CONTROL_LIST_NOT_SUPPORTED.exception();
            }
            return AccessControlList.privateTo(rules.owner());
        }
        AccessControlList acl = AclHeaders.from(header, owner, rules.owner(), principals::exists);
        if (rules.block().blockPublicAcls() && acl.isPublic()) {
            throw S3Error.ACCESS_DENIED.exception("The bucket's public access block refuses public ACLs.");
        }
        return acl;
    }
}
