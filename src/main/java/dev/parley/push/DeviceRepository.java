package dev.parley.push;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, String> {

    public List<Device> ofUser(String userId) {
        return list("userId", userId);
    }
}
