"""Entitlements: who gets which gift, from which budget, on what basis; one person or many."""
