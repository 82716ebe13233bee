package jp.lgwan.routerconfig.inventory;

public enum Duplex { FULL, HALF }
