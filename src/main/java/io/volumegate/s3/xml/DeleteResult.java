package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** DeleteObjects' answer: one Deleted per removed key (none in quiet mode), one Error per refused key. */
@XmlRootElement(name = "DeleteResult")
@XmlType(propOrder = {"deleted", "errors"})
public class DeleteResult {
    @XmlElement(name = "Deleted")
    public List<Deleted> deleted = new ArrayList<>();
    @XmlElement(name = "Error")
    public List<DeleteError> errors = new ArrayList<>();

    @XmlType(name = "DeletedObject", propOrder = {"Key", "VersionId", "DeleteMarker", "DeleteMarkerVersionId"})
    public static class Deleted {
        public String Key;
        /** The version the request named. */
        public String VersionId;
        /** True when the delete made a delete marker or removed one; absent otherwise. */
        public Boolean DeleteMarker;
        /** The id of that delete marker. */
        public String DeleteMarkerVersionId;

        public Deleted() {}

        public Deleted(String key, String versionId, boolean deleteMarker, String deleteMarkerVersionId) {
            this.Key = key;
            this.VersionId = versionId;
            this.DeleteMarker = deleteMarker ? Boolean.TRUE : null;
            this.DeleteMarkerVersionId = deleteMarker ? deleteMarkerVersionId : null;
        }
    }

    /** Named apart from java.lang.Error; the element is still {@code <Error>}. */
    @XmlType(name = "DeleteError", propOrder = {"Key", "VersionId", "Code", "Message"})
    public static class DeleteError {
        public String Key;
        public String VersionId;
        public String Code;
        public String Message;

        public DeleteError() {}

        public DeleteError(String key, String versionId, String code, String message) {
            this.Key = key;
            this.VersionId = versionId;
            this.Code = code;
            this.Message = message;
        }
    }
}
