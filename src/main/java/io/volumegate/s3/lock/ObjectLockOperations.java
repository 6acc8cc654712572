package io.volumegate.s3.lock;

import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.S3Error;
import io.volumegate.http.SmallBody;
import io.volumegate.objects.BucketService;
import io.volumegate.objects.ObjectLockService;
import io.volumegate.objects.ObjectRef;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.object.ObjectLockHeaders;
import io.volumegate.s3.xml.LegalHold;
import io.volumegate.s3.xml.ObjectLockConfiguration;
import io.volumegate.s3.xml.Retention;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.BucketSettings;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.RetentionMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Put/GetObjectLockConfiguration, Put/GetObjectRetention and Put/GetObjectLegalHold. The
 * documents are checked here, with S3's errors; what a lock allows is the object service's.
 */
@ApplicationScoped
public class ObjectLockOperations {
    private static final int MAX_DOCUMENT_BYTES = 16 * 1024;

    @Inject
    BucketService buckets;
    @Inject
    ObjectLockService locks;
    @Inject
    IoExecutor io;

    public void putObjectLockConfiguration(Exchange exchange, S3Request request) throws Exception {
        exchange.then(SmallBody.read(exchange, MAX_DOCUMENT_BYTES), io, body -> {
            locks.configure(request.bucket(), defaultRetention(S3Xml.read(body, ObjectLockConfiguration.class)));
            exchange.finishEmpty();
        });
    }

    private static BucketSettings.DefaultRetention defaultRetention(ObjectLockConfiguration configuration) {
        if (!"Enabled".equals(configuration.ObjectLockEnabled)) throw S3Error.MALFORMED_XML.exception();
        if (configuration.Rule == null) return null;
        ObjectLockConfiguration.DefaultRetention retention = configuration.Rule.DefaultRetention;
        if (retention == null || (retention.Days == null) == (retention.Years == null)) throw S3Error.MALFORMED_XML.exception();
        RetentionMode mode = mode(retention.Mode);
        int period = retention.Days != null ? retention.Days : retention.Years;
        if (period <= 0) throw S3Error.INVALID_RETENTION_PERIOD.exception();
        return new BucketSettings.DefaultRetention(mode, retention.Days != null ? period : 0, retention.Years != null ? period : 0);
    }

    public void getObjectLockConfiguration(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            BucketSettings settings = buckets.settings(request.bucket());
            if (!settings.objectLock()) throw S3Error.OBJECT_LOCK_CONFIGURATION_NOT_FOUND.exception();
            ObjectLockConfiguration answer = new ObjectLockConfiguration();
            answer.ObjectLockEnabled = "Enabled";
            if (settings.defaultRetention() != null) {
                answer.Rule = new ObjectLockConfiguration.Rule();
                answer.Rule.DefaultRetention = new ObjectLockConfiguration.DefaultRetention();
                answer.Rule.DefaultRetention.Mode = settings.defaultRetention().mode().name();
                if (settings.defaultRetention().days() > 0) answer.Rule.DefaultRetention.Days = settings.defaultRetention().days();
                if (settings.defaultRetention().years() > 0) answer.Rule.DefaultRetention.Years = settings.defaultRetention().years();
            }
            exchange.finishWith(S3Xml.write(answer), S3Xml.CONTENT_TYPE);
        });
    }

    public void putObjectRetention(Exchange exchange, S3Request request) throws Exception {
        ObjectRef ref = refOf(request);
        boolean bypass = ObjectLockHeaders.bypassGovernance(exchange.request()::getHeader);
        exchange.then(SmallBody.read(exchange, MAX_DOCUMENT_BYTES), io, body -> {
            Retention retention = S3Xml.read(body, Retention.class);
            if (retention.RetainUntilDate == null) throw S3Error.MALFORMED_XML.exception();
            locks.retain(ref, mode(retention.Mode), ObjectLockHeaders.parseDate(retention.RetainUntilDate), bypass);
            exchange.finishEmpty();
        });
    }

    public void getObjectRetention(Exchange exchange, S3Request request) {
        ObjectRef ref = refOf(request);
        exchange.runOn(io, () -> {
            ObjectMetadata metadata = locks.lockOf(ref);
            if (metadata.lockMode() == null) throw S3Error.NO_SUCH_OBJECT_LOCK_CONFIGURATION.exception();
            Retention answer = new Retention();
            answer.Mode = metadata.lockMode().name();
            answer.RetainUntilDate = HttpDates.iso8601(metadata.retainUntil());
            exchange.finishWith(S3Xml.write(answer), S3Xml.CONTENT_TYPE);
        });
    }

    public void putObjectLegalHold(Exchange exchange, S3Request request) throws Exception {
        ObjectRef ref = refOf(request);
        exchange.then(SmallBody.read(exchange, MAX_DOCUMENT_BYTES), io, body -> {
            String status = S3Xml.read(body, LegalHold.class).Status;
            if (!"ON".equals(status) && !"OFF".equals(status)) throw S3Error.MALFORMED_XML.exception();
            locks.hold(ref, status.equals("ON"));
            exchange.finishEmpty();
        });
    }

    public void getObjectLegalHold(Exchange exchange, S3Request request) {
        ObjectRef ref = refOf(request);
        exchange.runOn(io, () -> {
            LegalHold answer = new LegalHold();
            answer.Status = locks.lockOf(ref).legalHold() ? "ON" : "OFF";
            exchange.finishWith(S3Xml.write(answer), S3Xml.CONTENT_TYPE);
        });
    }

    private static ObjectRef refOf(S3Request request) {
        return new ObjectRef(request.bucket(), request.key(), request.query().get("versionId"));
    }

    /** In lock documents S3 takes the two modes exactly as spelled; anything else is MalformedXML. */
    private static RetentionMode mode(String mode) {
        if ("GOVERNANCE".equals(mode)) return RetentionMode.GOVERNANCE;
        if ("COMPLIANCE".equals(mode)) return RetentionMode.COMPLIANCE;
        throw S3Error.MALFORMED_XML.exception();
    }
}
