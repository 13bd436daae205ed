package dev.parley.push;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A phone or browser that receives pushes. A token belongs to one user at a time. */
@Entity
@Table(name = "devices")
public class Device {

    public static final String APNS = "apns";
    public static final String FCM = "fcm";

    @Id
    public String token;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String platform;

    /** The SNS platform endpoint for this token, once created (cluster mode). */
    @Column(name = "endpoint_arn")
    public String endpointArn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
