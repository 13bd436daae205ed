package dev.parley.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, String> {

    public Optional<Account> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** Moves lastActiveAt forward only: a late write of an older moment never hides a newer one. */
    public void setLastActive(String id, java.time.Instant at) {
        update("lastActiveAt = ?1 where id = ?2 and (lastActiveAt is null or lastActiveAt < ?1)", at, id);
    }

    public List<Account> withIds(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }
}
