package dev.parley.media;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<StoredAttachment, String> {

    public List<StoredAttachment> byIds(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }
}
