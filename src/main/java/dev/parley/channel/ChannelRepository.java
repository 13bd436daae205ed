package dev.parley.channel;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ChannelRepository implements PanacheRepositoryBase<Channel, String> {

    public Optional<Channel> findDirect(String userA, String userB) {
        return find("directKey", Channel.directKey(userA, userB)).firstResultOptional();
    }

    public List<Channel> withIds(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }
}
