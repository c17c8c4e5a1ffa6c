"""linli (邻里): equitable community engagement and resident empowerment."""

__version__ = "0.1.0"
