//! Validation as the API server does it (R9), with apimachinery's messages.
