package jp.lgwan.routerconfig.inventory;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jp.lgwan.routerconfig.inventory.rules.PlainText;

/** One person to reach at a connected organization (担当者). */
public record Contact(
        @NotBlank @PlainText(max = 60) String name,
        @PlainText(max = 60) String department,
        @NotBlank @Email @PlainText(max = 254) String email,
        @Pattern(regexp = "\\+?[0-9][0-9-]{8,15}", message = "must be a telephone number such as 011-211-2111") String phone) {
}
