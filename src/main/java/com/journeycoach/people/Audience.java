package com.journeycoach.people;

/** Who a prospect is to the distributor, and so which assets may be tried with them. */
public enum Audience { PRODUCT_CUSTOMER, BUSINESS_BUILDER }
