package com.journeycoach.content;

import java.time.Instant;

/** An asset sent to a prospect through a tracked link {@code /s/{token}}. */
public record Share(String id, String token, String prospectId, String assetId, String distributorId, String channel,
                    Instant createdAt, Instant sharedAt, Instant firstViewedAt, int viewCount) {
}
