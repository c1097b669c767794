package com.journeycoach.people;

/** Published in the transaction that registers a distributor; their onboarding journey starts. */
public record DistributorRegistered(Distributor distributor) {
}
