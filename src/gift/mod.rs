//! GIFT
