package com.journeycoach.notification;

public enum Channel { SMS, EMAIL }
