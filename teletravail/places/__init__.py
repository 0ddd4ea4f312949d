"""Telework places engine: the place record, its checks, the readers of the sources, duplicate matching and
opening hours in words. Pure Python (no Django); the app `teletravail.apps.places` stores and shows places.
"""
